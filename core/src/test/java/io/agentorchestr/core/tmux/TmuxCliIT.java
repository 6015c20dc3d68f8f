package io.agentorchestr.core.tmux;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.PrivateTmux;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tmux port's contract with a tmux client process per command. */
class TmuxCliIT extends TmuxContract {
    @Override
    PrivateTmux server(Path dir) {
        return new PrivateTmux(dir);
    }

    /** tmux exits 0 when the server it forks cannot make its socket: what it printed is the error. */
    @Test
    void aServerThatCannotStartIsAnErrorWithTmuxsReasonNotAnEmptyPaneId() {
        Path socket = dir.resolve("no-such-dir").resolve("tmux.sock");
        Tmux tmux = new TmuxCli(new SystemProcessRunner(), TmuxServer.atPath(socket, Path.of("/dev/null")));

        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> tmux.newSession("s1",
                "agentorchestr", new NewPane(List.of("sleep", "60"), dir, Map.of())));

        assertTrue(e.getMessage().startsWith("tmux did not open a pane") && e.getMessage().contains("error creating "
                + socket), e.getMessage());
        assertTrue(e.getMessage().contains("check that tmux can make its socket"), e.getMessage());
    }
}
