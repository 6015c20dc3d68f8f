package io.agentorchestr.core.tmux;

import java.time.Duration;

/**
 * Types a message into an agent's input box: the whole text as one bracketed paste, a short pause,
 * then Enter on its own. Without the pause some TUIs take the Enter as part of the paste (Gemini CLI
 * 0.61 keeps "[Pasted Text: N lines]" in its input and never submits it).
 */
public final class InputBox {
    public static final Duration PASTE_SETTLE = Duration.ofMillis(400);

    private InputBox() {
    }

    public static void submit(Tmux tmux, PaneRef pane, String text) {
        tmux.pasteText(pane, text);
        try {
            Thread.sleep(PASTE_SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tmux.sendKeys(pane, "Enter");
    }
}
