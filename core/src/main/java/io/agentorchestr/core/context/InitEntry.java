package io.agentorchestr.core.context;

/** What {@code --init} did to one path of the project (relative to its root). */
public record InitEntry(String path, Action action, String detail) {
    public enum Action {
        CREATED, KEPT, REWRITTEN, UPDATED,
        /** Not written: the path leads out of the repository through a symlink. */
        SKIPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
