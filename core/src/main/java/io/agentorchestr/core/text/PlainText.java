package io.agentorchestr.core.text;

import java.util.Optional;

/**
 * Checks text that arrives from outside (tool arguments, flags) before anything acts on it: no NUL
 * (no process argument or C string can carry it), no lone UTF-16 surrogates (not encodable as
 * UTF-8, so no file or argument can hold them), no control characters other than tab, newline and
 * carriage return (escape sequences would reach terminals and tmux), and a length limit.
 */
public final class PlainText {
    private PlainText() {
    }

    /**
     * What is wrong with {@code value}, named after {@code what} (e.g. "task"), or empty when it is
     * fine.
     */
    public static Optional<String> problem(String what, String value, int maxChars) {
        if (value.length() > maxChars) {
            return Optional.of(what + " is " + value.length() + " characters long; the limit is " + maxChars);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return Optional.of(what + " contains a NUL character (U+0000) at position " + i
                        + "; send plain text without NUL");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(what + " contains a lone UTF-16 surrogate (U+" + hex(c) + ") at position " + i
                        + ", which is not valid Unicode text; send valid UTF-8");
            } else if (isControl(c)) {
                return Optional.of(what + " contains the control character U+" + hex(c) + " at position " + i
                        + (c == 0x1b ? " (an escape sequence)" : "") + "; send plain text (tab and newline are fine)");
            }
        }
        return Optional.empty();
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || (c >= 0x80 && c < 0xa0);
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
