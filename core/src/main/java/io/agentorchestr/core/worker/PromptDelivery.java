package io.agentorchestr.core.worker;

import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.time.Duration;

/**
 * Delivers a message into an agent's input box: waits until the agent shows its idle marker (a paste
 * into a TUI that is still starting is lost), pastes the text whole, then presses Enter separately.
 */
public final class PromptDelivery {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Tmux tmux;

    public PromptDelivery(Tmux tmux) {
        this.tmux = tmux;
    }

    /** Pastes when the idle marker shows, or after the timeout if the agent has no idle marker. */
    public void deliverWhenReady(PaneRef pane, ScreenMarkers markers, String text) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!markers.idle().isEmpty() && System.nanoTime() < deadline
                && !ScreenMarkers.anyIn(markers.idle(), tmux.capturePane(pane, 0))) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        deliver(pane, text);
    }

    public void deliver(PaneRef pane, String text) {
        tmux.pasteText(pane, text);
        tmux.sendKeys(pane, "Enter");
    }
}
