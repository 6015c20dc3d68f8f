package io.agentorchestr.core.tmux;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The tab-separated formats {@link TmuxCli} asks tmux for, and how their lines are read back. */
final class TmuxFormats {
    /** Every pane of the server; the path last: it is the one field that may hold a tab. */
    static final String ALL_PANES = String.join("\t", "#{pane_id}", "#{session_name}",
            "#{window_name}", "#{pane_pid}", "#{pane_current_command}", "#{pane_dead}", "#{pane_current_path}");
    /** One pane's state. */
    static final String STATUS = String.join("\t", "#{pane_id}", "#{window_id}",
            "#{window_name}", "#{pane_dead}", "#{pane_dead_status}", "#{pane_pid}", "#{pane_current_command}");
    /** The attached clients. */
    static final String CLIENTS = String.join("\t", "#{client_name}", "#{client_control_mode}", "#{client_flags}",
            "#{session_name}", "#{window_id}", "#{client_activity}", "#{client_tty}");

    private TmuxFormats() {
    }

    /**
     * The id {@code -P -F #{pane_id}} printed. tmux exits 0 when the server it forks cannot start (its
     * socket cannot be made, say): only its stderr tells, and no pane id comes back.
     */
    static PaneRef newPaneId(ExecResult r, TmuxServer server) {
        String id = r.stdout().strip();
        if (!PaneRef.looksLikeId(id)) {
            String why = r.stderrTail(3).strip();
            throw AgentorchestrException.error("tmux did not open a pane"
                    + (why.isEmpty() ? " and said nothing about why" : ": " + why)
                    + "; check that tmux can make its socket (" + server.describeCommand() + ")");
        }
        return new PaneRef(id);
    }

    static Optional<ServerPane> serverPane(String line) {
        String[] f = line.split("\t", 7);
        if (f.length < 7 || !f[3].matches("[0-9]+")) {
            return Optional.empty();
        }
        return Optional.of(new ServerPane(new PaneRef(f[0]), f[1], f[2], Long.parseLong(f[3]), f[4], f[6],
                "1".equals(f[5])));
    }

    /** A pane's status as {@code display-message -p} answered; empty when the pane (or the server) is gone. */
    static Optional<PaneStatus> statusAnswer(ExecResult r) {
        if (!r.ok()) {
            // The pane is gone, or the whole server: it exits with its last pane, and a client that was
            // talking to it then says "server exited unexpectedly".
            if (r.stderr().contains("can't find") || r.stderr().contains("no server running")
                    || r.stderr().contains("error connecting") || r.stderr().contains("server exited unexpectedly")) {
                return Optional.empty();
            }
            throw new ProcessFailedException(r);
        }
        // tmux 3.3 answers a target pane that no longer exists with empty fields, not an error.
        String line = r.stdout().strip();
        return line.isEmpty() || !line.startsWith("%") ? Optional.empty() : Optional.of(status(line));
    }

    static PaneStatus status(String line) {
        String[] f = line.split("\t", 7);
        Integer deadStatus = f[4].isEmpty() ? null : Integer.valueOf(f[4]);
        long pid = f[5].isEmpty() ? 0 : Long.parseLong(f[5]);
        return new PaneStatus(new PaneRef(f[0]), f[1], f[2], "1".equals(f[3]), deadStatus, pid, f[6]);
    }

    /** The clients people attached (control-mode clients, ours among them, left out). */
    static List<TmuxClient> userClients(String listed) {
        List<TmuxClient> clients = new ArrayList<>();
        for (String line : listed.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 7 || f[1].equals("1") || f[2].contains("control-mode")) {
                continue;
            }
            clients.add(new TmuxClient(f[0], f[3], f[4], parseLong(f[5]), f[6].isEmpty() ? null : f[6]));
        }
        return clients;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
