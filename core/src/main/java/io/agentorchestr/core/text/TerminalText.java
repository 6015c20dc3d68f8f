package io.agentorchestr.core.text;

/**
 * Text that came from agents (summaries, progress reports, tasks, pane output) made safe to print on
 * a user's terminal: escape sequences and control characters are removed (an OSC sequence would set
 * the window title, {@code ESC[2J} would clear the screen), so are bidirectional overrides that
 * make text read differently from what it is, and lone UTF-16 surrogates become U+FFFD. Secrets are
 * masked too: what is printed may end up in a scrollback, a screenshot or a CI log.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** Safe to print; keeps newlines and tabs. Null becomes the empty string. */
    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        String stripped = AnsiText.strip(text);
        StringBuilder out = new StringBuilder(stripped.length());
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < stripped.length()
                    && Character.isLowSurrogate(stripped.charAt(i + 1))) {
                out.append(c).append(stripped.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else if (!isBidiControl(c)) {
                out.append(c);
            }
        }
        return SecretRedactor.redactText(out.toString());
    }

    /** The first line of agent text for a progress line, a merge message or a digest: safe and short. */
    public static String shortLine(String text) {
        return firstLine(text, 100);
    }

    /** The first non-blank line, made safe and cut to {@code max} characters. */
    public static String firstLine(String text, int max) {
        String line = safe(text).strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        return line.length() > max ? line.substring(0, Math.max(0, max - 3)) + "..." : line;
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E'
                || c == '\u200F' || c == '\u061C';
    }
}
