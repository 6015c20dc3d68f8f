package io.agentorchestr.cli;

import io.agentorchestr.core.tmux.Tmux;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts the user in front of a session once it exists: switch-client when already inside tmux,
 * attach-session on a terminal, otherwise a printed command. The attach runs on the user's terminal
 * until they detach, so it is the one external process without a timeout.
 */
public final class TmuxAttach {
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
     * Attaches and returns when the user detaches (or, inside tmux, right after switching).
     *
     * @return false when attaching was impossible (not a terminal); the hint was printed instead
     */
    public boolean attach(String session, PrintWriter err) throws InterruptedException {
        List<String> argv = new ArrayList<>(tmux.server().argvPrefix());
        boolean insideTmux = env.containsKey("TMUX") && tmux.server().socketPath() == null
                && tmux.server().socketName() == null;
        if (insideTmux) {
            argv.addAll(List.of("switch-client", "-t", "=" + session));
        } else if (System.console() != null) {
            argv.addAll(List.of("attach-session", "-t", "=" + session));
        } else {
            err.println("agentorchestr: not on a terminal; attach with: " + hint(session));
            return false;
        }
        try {
            Process p = new ProcessBuilder(argv).inheritIO().start();
            int code = p.waitFor();
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
}
