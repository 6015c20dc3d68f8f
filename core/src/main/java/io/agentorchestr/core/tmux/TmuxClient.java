package io.agentorchestr.core.tmux;

/**
 * A tmux client a person uses: its name (for {@code -c} and {@code -t}), the session and window it
 * shows, when it last saw a key (seconds since the epoch), to tell the user's own client apart, and
 * the terminal it draws on.
 */
public record TmuxClient(String name, String session, String windowId, long activity, String tty) {
}
