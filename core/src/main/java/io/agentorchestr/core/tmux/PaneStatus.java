package io.agentorchestr.core.tmux;

/**
 * Liveness of one pane: whether its process has exited ({@code pane_dead}; the pane stays because
 * of remain-on-exit), the exit status if so, the pid and the current foreground command.
 */
public record PaneStatus(PaneRef pane, String windowId, String windowName, boolean dead,
                         Integer deadStatus, long pid, String currentCommand) {
}
