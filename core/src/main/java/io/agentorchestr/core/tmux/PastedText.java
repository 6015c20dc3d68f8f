package io.agentorchestr.core.tmux;

/**
 * Makes text safe to paste into a pane: ESC and C0 controls other than newline and tab are removed,
 * because an embedded {@code ESC[201~} would end a bracketed paste early and let the rest be typed
 * as keystrokes, and stray controls act as key presses (Ctrl-C, Ctrl-D) in the receiving program.
 * CRLF and lone CR become LF.
 */
public final class PastedText {
    private PastedText() {
    }

    public static String sanitize(String text) {
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (!control || c == '\n' || c == '\t') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
