package io.agentorchestr.core.tmux;

import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.PrivateTmux;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tmux port's contract through one control-mode connection (tmux -C). */
class TmuxControlIT extends TmuxContract {
    @Override
    PrivateTmux server(Path dir) {
        return PrivateTmux.overControlMode(dir);
    }

    /** Counts the processes it starts: commands carried by the connection start none. */
    private static final class CountingRunner implements ProcessRunner {
        private final ProcessRunner real = new SystemProcessRunner();
        final AtomicInteger started = new AtomicInteger();

        @Override
        public ExecResult run(ProcessSpec spec) {
            started.incrementAndGet();
            return real.run(spec);
        }
    }

    @Test
    void onceASessionExistsCommandsStartNoProcessAndOneControlClientIsAttached() throws IOException {
        CountingRunner runner = new CountingRunner();
        try (PrivateTmux own = PrivateTmux.overControlMode(Files.createDirectories(dir.resolve("own")), runner)) {
            Tmux t = own.tmux();
            PaneRef pane = t.newSession("quiet", "w", new NewPane(List.of("sh", "-c", "sleep 600"), dir, Map.of()));
            int afterStart = runner.started.get();
            for (int i = 0; i < 20; i++) {
                assertEquals(List.of(pane), t.listPanes("quiet").stream().map(PaneStatus::pane).toList());
                assertTrue(t.paneStatus(pane).isPresent());
            }
            t.setWindowOption(pane.id(), "remain-on-exit", "on");
            assertEquals(afterStart, runner.started.get(), "commands went through the control client");
            ExecResult clients = new SystemProcessRunner().runChecked(ProcessSpec.of(ProcessCommands.argv(
                    t.server(), List.of("list-clients", "-F", "#{client_control_mode}"))));
            assertEquals("1", clients.stdout().strip());
        }
    }

    @Test
    void aResumedRunConnectsToItsExistingSessionAndItsCommandsStartNoProcess() throws IOException {
        Path sock = Files.createDirectories(dir.resolve("resumed"));
        try (PrivateTmux earlier = new PrivateTmux(sock)) {
            PaneRef pane = earlier.tmux().newSession("kept", "w", new NewPane(List.of("sh", "-c", "sleep 600"), dir,
                    Map.of()));
            CountingRunner runner = new CountingRunner();
            PrivateTmux resumed = PrivateTmux.overControlMode(sock, runner);
            resumed.tmux().connect("kept");
            for (int i = 0; i < 20; i++) {
                assertTrue(resumed.tmux().paneStatus(pane).isPresent());
            }
            assertEquals(0, runner.started.get(), "commands went through the control client");
            resumed.tmux().close();
        }
    }
}
