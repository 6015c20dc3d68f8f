package io.agentorchestr.cli;

import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.tmux.TmuxClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the user in front of a session, and gives them back at the end. Inside tmux (on the same
 * server) their own client is switched to it and, when the run ends, back to the window it came
 * from; on a terminal outside tmux a client is attached here and detached at the end. Only clients
 * people use are ever switched or detached, never a control-mode client (agentorchestr's own
 * connection). The attach runs on the user's terminal until they detach, so it is the one external
 * process without a timeout.
 */
public final class TmuxAttach {
    private static final int SWITCH_ATTEMPTS = 5;
    private static final long SWITCH_PAUSE_MS = 200;

    private final Tmux tmux;
    private final Map<String, String> env;

    public TmuxAttach(Tmux tmux, Map<String, String> env) {
        this.tmux = tmux;
        this.env = env;
    }

    /** Whether to attach: the flag if given, else only when both stdin and stdout are a terminal. */
    public static boolean wanted(Boolean flag) {
        return flag != null ? flag : System.console() != null;
    }

    public String hint(String session) {
        return tmux.server().describeCommand() + " attach -t " + session;
    }

    /**
     * Started from a pane of the server the session lives on: {@code $TMUX} begins with that server's
     * socket path (a default server's is {@code $TMUX_TMPDIR/tmux-UID/default}).
     */
    private boolean insideSameServer() {
        String tmuxVar = env.get("TMUX");
        if (tmuxVar == null || tmuxVar.isBlank()) {
            return false;
        }
        Path theirs = Path.of(tmuxVar.split(",", 2)[0]);
        Path ours = tmux.server().socketPath();
        if (ours == null) {
            String dir = env.getOrDefault("TMUX_TMPDIR", "/tmp");
            ours = Path.of(dir.isBlank() ? "/tmp" : dir, "tmux-" + uid(),
                    tmux.server().socketName() == null ? "default" : tmux.server().socketName());
        }
        return same(theirs, ours);
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static Object uid() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return "0";
        }
    }

    /**
     * Inside tmux: switches the client showing the pane this runs in (the user's own) to {@code session}.
     *
     * @return that client, as it was before the switch; empty when not inside tmux, or when no person's
     *         client shows that pane's session (then nothing is switched)
     */
    public Optional<TmuxClient> switchHere(String session) {
        String pane = env.get("TMUX_PANE");
        if (pane == null || !insideSameServer()) {
            return Optional.empty();
        }
        // Asked a few times: a goal's first moments are busy on the server, and one empty answer must
        // not turn the user's own client into a nested one.
        for (int attempt = 1; attempt <= SWITCH_ATTEMPTS; attempt++) {
            try {
                Optional<TmuxClient> mine = tmux.sessionOfPane(pane).flatMap(home -> tmux.userClients().stream()
                        .filter(c -> c.session().equals(home)).max(Comparator.comparingLong(TmuxClient::activity)));
                if (mine.isPresent()) {
                    tmux.switchClient(mine.get().name(), "=" + session);
                    return mine;
                }
            } catch (RuntimeException e) {
                // the client went meanwhile, or tmux did not answer: look again
            }
            try {
                Thread.sleep(SWITCH_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();  // attached here instead, or the hint
    }

    /** Whether a client can be attached on this terminal. */
    public static boolean onTerminal() {
        return System.console() != null;
    }

    /**
     * Attaches a client on this terminal and returns when it detaches.
     *
     * @return false when attaching failed; the hint was printed instead
     */
    public boolean attachHere(String session, PrintWriter err) throws InterruptedException {
        List<String> argv = new ArrayList<>(tmux.server().argvPrefix());
        argv.addAll(List.of("attach-session", "-t", "=" + session));
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        // Inside another tmux (another server, or no client of ours there), only a nested client can show it.
        pb.environment().remove("TMUX");
        try {
            int code = pb.start().waitFor();
            if (code != 0) {
                err.println("agentorchestr: tmux attach exited with status " + code + "; attach with: " + hint(session));
            }
            return code == 0;
        } catch (IOException e) {
            err.println("agentorchestr: cannot run tmux to attach (" + e.getMessage() + "); attach with: "
                    + hint(session));
            return false;
        }
    }

    /**
     * Switches {@code origin}'s client back to the window it showed (or its session, if the window went),
     * unless the user has moved it elsewhere meanwhile or it is gone.
     */
    public void giveBack(TmuxClient origin, String session) {
        Optional<TmuxClient> now = tmux.userClients().stream().filter(c -> c.name().equals(origin.name())).findFirst();
        if (now.isEmpty() || !now.get().session().equals(session)) {
            return;
        }
        for (String target : List.of(origin.windowId(), "=" + origin.session())) {
            try {
                tmux.switchClient(origin.name(), target);
                return;
            } catch (RuntimeException e) {
                // that window or session is gone: try the next, else leave the client where it is
            }
        }
    }

    /** Detaches the people attached to {@code session}; they return to their shells. */
    public void detach(String session) {
        tmux.detachClients(session);
    }
}
