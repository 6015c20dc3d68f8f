package io.agentorchestr.core.tmux;

import java.time.Duration;

/**
 * Types a message into an agent's input box: the whole text as one bracketed paste, a pause until the
 * agent has drawn it, then Enter on its own. Without the pause some TUIs take the Enter as part of the
 * paste (Gemini CLI 0.61 keeps "[Pasted Text: N lines]" in its input and never submits it); a loaded
 * machine draws a paste late, so the pause lasts until the screen has stopped changing.
 */
public final class InputBox {
    public static final Duration PASTE_SETTLE = Duration.ofMillis(400);
    /** The longest wait for a screen that keeps changing (a spinner): Enter goes then anyway. */
    static final Duration SETTLE_AT_MOST = Duration.ofSeconds(3);
    private static final Duration LOOK_EVERY = Duration.ofMillis(150);

    private InputBox() {
    }

    public static void submit(Tmux tmux, PaneRef pane, String text) {
        tmux.pasteText(pane, text);
        settle(tmux, pane);
        tmux.sendKeys(pane, "Enter");
    }

    /** Waits {@link #PASTE_SETTLE}, then until two looks at the screen agree (at most {@link #SETTLE_AT_MOST}). */
    static void settle(Tmux tmux, PaneRef pane) {
        try {
            Thread.sleep(PASTE_SETTLE.toMillis());
            long deadline = System.nanoTime() + SETTLE_AT_MOST.toNanos();
            String last = tmux.capturePane(pane, 0);
            while (System.nanoTime() < deadline) {
                Thread.sleep(LOOK_EVERY.toMillis());
                String now = tmux.capturePane(pane, 0);
                if (now.equals(last)) {
                    return;
                }
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the pane cannot be looked at: Enter goes after the fixed pause, as it always did
        }
    }
}
