package io.agentorchestr.core.tmux;

/** A tmux pane addressed by its server-unique id ({@code %7}), never by index. */
public record PaneRef(String id) {
    public PaneRef {
        if (!looksLikeId(id)) {
            throw new IllegalArgumentException("not a tmux pane id: " + id);
        }
    }

    /** Whether {@code text} is a pane id as tmux prints it. */
    public static boolean looksLikeId(String text) {
        return text != null && text.matches("%\\d+");
    }

    @Override
    public String toString() {
        return id;
    }
}
