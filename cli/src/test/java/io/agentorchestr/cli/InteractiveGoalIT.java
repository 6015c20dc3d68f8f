package io.agentorchestr.cli;

import io.agentorchestr.core.testing.TestRepo;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --interactive on a real terminal: a pane of a second private tmux server plays the user's terminal. */
@Timeout(180)
class InteractiveGoalIT {
    @TempDir
    Path dir;
    private Distribution dist;
    private TestRepo project;
    private String terminal;
    private final SystemProcessRunner runner = new SystemProcessRunner();

    @BeforeEach
    void setUp() throws IOException {
        dist = new Distribution(dir);
        project = TestRepo.create(dir.resolve("project"));
        terminal = dir.resolve("terminal.sock").toString();
    }

    @AfterEach
    void tearDown() {
        runner.run(ProcessSpec.of("tmux", "-S", terminal, "kill-server"));
        dist.close();
    }

    private String tmux(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-S", terminal, "-f", "/dev/null"));
        argv.addAll(List.of(args));
        return runner.runChecked(ProcessSpec.of(argv)).stdout();
    }

    @Test
    void aMultiLineGoalTypedAtThePromptEndsWithSlashEnd() throws IOException {
        Path result = dir.resolve("exit-code");
        String command = "env -u TMUX HOME=" + dist.home() + " XDG_CONFIG_HOME=" + dir.resolve("xdg/config")
                + " XDG_DATA_HOME=" + dir.resolve("xdg/data") + " XDG_STATE_HOME=" + dir.resolve("xdg/state")
                + " AGENTORCHESTR_TMUX_SOCKET=" + dist.socket() + " AGENTORCHESTR_TMUX_CONF=/dev/null "
                + dist.launcher() + " --interactive --agents demo --no-attach --project " + project.dir()
                + " > " + dir.resolve("stdout") + "; echo $? > " + result + "; sleep 600";
        tmux("new-session", "-d", "-s", "user", "-x", "160", "-y", "40", command);
        awaitScreen("goal>");
        tmux("send-keys", "-t", "user", "-l", "Add a greeting");
        tmux("send-keys", "-t", "user", "Enter");
        tmux("send-keys", "-t", "user", "-l", "Add a farewell");
        tmux("send-keys", "-t", "user", "Enter");
        tmux("send-keys", "-t", "user", "-l", "/end");
        tmux("send-keys", "-t", "user", "Enter");
        Poll.until("the run to exit", Duration.ofSeconds(120), () -> read(result).isPresent());
        String stdout = Files.readString(dir.resolve("stdout"));
        assertEquals("0", Files.readString(result).strip(), () -> stdout + tmux("capture-pane", "-p", "-t", "user"));
        assertTrue(stdout.contains("workers:     2"), stdout);
        assertTrue(project.git("log", "--format=%s", "--all").contains("demo(w02): Add a farewell"));
    }

    private void awaitScreen(String text) {
        Poll.until("the terminal to show '" + text + "'", Duration.ofSeconds(60),
                () -> tmux("capture-pane", "-p", "-t", "user").contains(text));
    }

    private static java.util.Optional<String> read(Path file) {
        try {
            return Files.exists(file) && !Files.readString(file).isBlank() ? java.util.Optional.of(Files.readString(file))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
