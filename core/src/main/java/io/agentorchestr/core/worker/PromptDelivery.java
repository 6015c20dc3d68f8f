package io.agentorchestr.core.worker;

import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.tmux.InputBox;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.time.Duration;

/**
 * Delivers a message into an agent's input box: waits until the agent shows its idle marker and its
 * screen has stopped changing (a TUI that is still starting loses a paste, or acts on it before it
 * has finished loading its tools), then submits it ({@link InputBox}).
 */
public final class PromptDelivery {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SETTLED = Duration.ofMillis(1500);

    private final Tmux tmux;

    public PromptDelivery(Tmux tmux) {
        this.tmux = tmux;
    }

    /**
     * Pastes once the screen shows an idle marker (any screen, for an agent without markers) and has
     * stayed the same for {@link #SETTLED}; after {@link #READY_TIMEOUT} it pastes anyway.
     */
    public void deliverWhenReady(PaneRef pane, ScreenMarkers markers, String text) {
        awaitReady(pane, markers);
        if (!Thread.currentThread().isInterrupted()) {
            deliver(pane, text);
        }
    }

    /**
     * Waits until the screen shows an idle marker and has stayed the same for {@link #SETTLED}, at
     * most {@link #READY_TIMEOUT}.
     *
     * @return whether it did, in time
     */
    public boolean awaitReady(PaneRef pane, ScreenMarkers markers) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = null;
        long sameSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            String screen = tmux.capturePane(pane, 0);
            if (!screen.equals(last)) {
                last = screen;
                sameSince = System.nanoTime();
            }
            boolean idle = markers.idle().isEmpty() || ScreenMarkers.anyIn(markers.idle(), screen);
            if (idle && System.nanoTime() - sameSince >= SETTLED.toNanos()) {
                return true;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    public void deliver(PaneRef pane, String text) {
        InputBox.submit(tmux, pane, text);
    }
}
