package io.agentorchestr.core.tmux;

/** A tmux pane addressed by its server-unique id ({@code %7}), never by index. */
public record PaneRef(String id) {
    public PaneRef {
        if (id == null || !id.matches("%\\d+")) {
            throw new IllegalArgumentException("not a tmux pane id: " + id);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
