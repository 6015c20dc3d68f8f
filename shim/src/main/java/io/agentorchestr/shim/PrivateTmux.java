package io.agentorchestr.shim;

import io.agentorchestr.core.config.PrivateFile;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.NewPane;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.PaneStatus;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.tmux.TmuxCli;
import io.agentorchestr.core.tmux.TmuxServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tmux server of one shim, on a socket of its own: the agent runs in its only pane, the user's
 * terminal attaches to it, and the RPC reads and types through it. Its configuration makes tmux
 * invisible: no prefix key and no bindings (nothing clashes with the user's own tmux or the agent's
 * keys), no status bar, no escape delay, 256 colours and true colour, focus events and titles
 * passed on. The user's own tmux configuration is never read.
 */
final class PrivateTmux {
    static final String SESSION = "agent";
    private static final String CONFIG = String.join("\n",
            "# written by agentorchestr-shim for its private tmux server",
            "set -g prefix None",
            "set -g prefix2 None",
            "unbind-key -a",
            "set -g status off",
            "set -g escape-time 0",
            "set -g focus-events on",
            "set -g history-limit 100000",
            "set -g mouse off",
            "set -g set-titles on",
            "set -g set-titles-string '#T'",
            "set -g exit-empty on",
            "set -g window-size latest",
            "set -as terminal-features ',*:RGB'",
            "");

    private final Tmux tmux;
    private final PaneRef pane;
    private final Path exitFile;

    private PrivateTmux(Tmux tmux, PaneRef pane, Path exitFile) {
        this.tmux = tmux;
        this.pane = pane;
        this.exitFile = exitFile;
    }

    /** Starts the server with {@code argv} in its pane, the pane log attached before the agent's first byte. */
    static PrivateTmux start(ShimFiles files, ProcessRunner runner, List<String> argv, Path cwd, String title) {
        PrivateFile.write(files.tmuxConf(), "the shim's tmux configuration", CONFIG
                + "set -g default-terminal " + defaultTerminal() + "\n");
        Tmux tmux = TmuxCli.overControlMode(runner, TmuxServer.atPath(files.tmuxSocket(), files.tmuxConf()));
        PaneRef pane = tmux.newSession(SESSION, title, new NewPane(GatedCommand.wrap(argv), cwd,
                Map.of(GatedCommand.EXIT_FILE_ENV, files.exit().toString())));
        PrivateTmux started = new PrivateTmux(tmux, pane, files.exit());
        try {
            // The pane outlives the agent, so its last screen can be shown after the client lets go.
            tmux.setWindowOption(pane.id(), "remain-on-exit", "on");
            tmux.pipePaneTo(pane, files.log());
            GatedCommand.release(tmux, pane);
        } catch (RuntimeException e) {
            started.stop();  // the gated agent never ran: no server left behind
            throw e;
        }
        return started;
    }

    /**
     * tmux-256color when this machine's terminfo has it (true names for italics and the like), else
     * screen-256color, which every ncurses has: either way 256 colours, not tmux's 8-colour "screen".
     */
    private static String defaultTerminal() {
        for (String dir : List.of("/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo", "/usr/lib/terminfo")) {
            if (Files.exists(Path.of(dir, "t", "tmux-256color")) || Files.exists(Path.of(dir, "74", "tmux-256color"))) {
                return "tmux-256color";
            }
        }
        return "screen-256color";
    }

    Tmux tmux() {
        return tmux;
    }

    PaneRef pane() {
        return pane;
    }

    TmuxServer server() {
        return tmux.server();
    }

    /** The argv that attaches a terminal to the agent's session. */
    List<String> attachArgv() {
        List<String> argv = new ArrayList<>(tmux.server().argvPrefix());
        argv.addAll(List.of("attach-session", "-t", SESSION));
        return argv;
    }

    /** The pane's process (the launch wrapper, whose child is the agent); 0 once it is gone. */
    long panePid() {
        return status().map(PaneStatus::pid).orElse(0L);
    }

    /** The agent's exit status, once it has exited; empty while it runs. */
    Optional<Integer> exitStatus() {
        return GatedCommand.recordedExitStatus(exitFile);
    }

    /** Whether the agent still runs: no exit recorded, and its pane is alive. */
    boolean agentRunning() {
        return exitStatus().isEmpty() && paneAlive();
    }

    /**
     * The agent's last screen, colours kept; the blank lines below it and the "Pane is dead" line tmux
     * writes into a kept pane are dropped. That line scrolls the screen up by one, so the line above the
     * screen is read too. Empty if it cannot be read.
     */
    String lastScreen() {
        try {
            List<String> lines = new ArrayList<>(tmux.captureScreen(pane, 1).lines().toList());
            while (!lines.isEmpty()) {
                String plain = lines.get(lines.size() - 1).replaceAll("\u001b\\[[0-9;:]*[A-Za-z]", "").strip();
                if (!plain.isEmpty() && !plain.startsWith("Pane is dead")) {
                    break;
                }
                lines.remove(lines.size() - 1);
            }
            return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The command that attaches a terminal again, for messages. */
    String attachHint() {
        return tmux.server().describeCommand() + " attach -t " + SESSION;
    }

    /**
     * Whether the agent's pane still runs its process. It stays after the agent exits (remain-on-exit)
     * until the shim stops the server, so a dead pane counts as gone.
     */
    boolean paneAlive() {
        return status().filter(s -> !s.dead()).isPresent();
    }

    /** The dead pane's exit status: the wrapper's, which passes the agent's on. */
    Optional<Integer> deadStatus() {
        return status().filter(PaneStatus::dead).map(PaneStatus::deadStatus);
    }

    private Optional<PaneStatus> status() {
        try {
            return tmux.paneStatus(pane);
        } catch (RuntimeException e) {
            return Optional.empty();  // the server is gone with its last pane
        }
    }

    /** Ends the agent and the server (the agent gets SIGHUP, as when a terminal closes). */
    void stop() {
        try {
            tmux.killServer();
        } catch (RuntimeException e) {
            // Already gone.
        }
    }
}
