package io.agentorchestr.core.tmux;

/**
 * One pane anywhere on a server, as a scan for agents sees it: where it is ({@code session}, its
 * window), the process it runs ({@code pid}, tmux's name for the foreground command) and its directory.
 */
public record ServerPane(PaneRef pane, String session, String windowName, long pid, String currentCommand,
                         String currentPath, boolean dead) {
}
