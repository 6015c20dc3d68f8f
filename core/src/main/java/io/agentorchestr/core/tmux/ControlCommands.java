package io.agentorchestr.core.tmux;

import io.agentorchestr.core.process.ExecResult;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Commands through one control-mode client per server, attached to the first session created on it;
 * a command the connection cannot carry (none yet, the session or server gone) runs as a process, so
 * tmux's own answer ("no server running", "can't find pane") is what the caller sees.
 */
final class ControlCommands implements TmuxCommands {
    private final TmuxServer server;
    private final ProcessCommands fallback;
    private volatile ControlClient client;
    private final List<Runnable> paneListeners = new CopyOnWriteArrayList<>();

    ControlCommands(TmuxServer server, ProcessCommands fallback) {
        this.server = server;
        this.fallback = fallback;
    }

    /**
     * Commands that run other commands: over a control connection each of those answers with a reply
     * block of its own beside the command's, and replies, matched to commands in order, would be
     * taken for the answers of commands sent meanwhile. They run as processes.
     */
    private static final Set<String> RUN_OTHERS = Set.of("source-file", "source", "if-shell", "if");

    @Override
    public ExecResult run(List<String> args) {
        ControlClient c = client;
        if (c != null && c.alive() && split(args).stream().noneMatch(command -> RUN_OTHERS.contains(command.get(0)))) {
            long start = System.nanoTime();
            try {
                StringBuilder out = new StringBuilder();
                for (List<String> command : split(args)) {
                    ControlClient.Reply reply = c.run(command, ProcessCommands.TIMEOUT);
                    if (reply.error()) {
                        // As on tmux's own command line: the commands after a failed one are not run.
                        return result(args, 1, out.toString(), reply.text(), start);
                    }
                    out.append(reply.text());
                }
                return result(args, 0, out.toString(), "", start);
            } catch (IOException e) {
                // The connection went with its session or server: tmux itself answers below.
            }
        }
        return fallback.run(args);
    }

    /**
     * The commands of an argv joined by lone ";" arguments, each sent on its own: tmux answers every
     * command of a line with its own block, and none for those skipped after an error, so a joined
     * line's blocks could not be counted.
     */
    static List<List<String>> split(List<String> args) {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String a : args) {
            if (a.equals(";")) {
                commands.add(current);
                current = new ArrayList<>();
            } else {
                current.add(a);
            }
        }
        commands.add(current);
        commands.removeIf(List::isEmpty);
        return commands;
    }

    private ExecResult result(List<String> args, int exitCode, String stdout, String stderr, long start) {
        return new ExecResult(ProcessCommands.argv(server, args), exitCode, stdout, stderr,
                Duration.ofNanos(System.nanoTime() - start), false);
    }

    @Override
    public synchronized void sessionCreated(String session) {
        ControlClient c = client;
        if (c != null && c.alive()) {
            return;
        }
        try {
            client = ControlClient.attach(server.argvPrefix(), session, this::notified);
        } catch (IOException e) {
            client = null;  // commands go on as processes
        }
    }

    @Override
    public Runnable onPanesChanged(Runnable listener) {
        paneListeners.add(listener);
        return () -> paneListeners.remove(listener);
    }

    /**
     * tmux 3.3 has no notification for a pane's death; these say a pane or window may have closed
     * (killed, or its process exited without remain-on-exit), or the session or server went.
     */
    private void notified(String line) {
        String name = line.split(" ", 2)[0];
        if (PANE_CHANGES.contains(name)) {
            paneListeners.forEach(Runnable::run);
        }
    }

    private static final Set<String> PANE_CHANGES = Set.of("%layout-change", "%window-close",
            "%unlinked-window-close", "%session-changed", "%sessions-changed", "%exit");

    @Override
    public synchronized void close() {
        ControlClient c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }
}
