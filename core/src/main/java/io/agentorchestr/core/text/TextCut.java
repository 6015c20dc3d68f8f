package io.agentorchestr.core.text;

/** Text shortened to fit a budget of characters, for prompts: at a line break where that keeps most of it. */
public final class TextCut {
    private TextCut() {
    }

    /**
     * At most {@code max} characters, ending at a line break when one is in the second half, never
     * between the two halves of a surrogate pair; trailing blanks dropped. Text within the budget is
     * returned as it is.
     */
    public static String atLine(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (end > 0 && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        int line = text.lastIndexOf('\n', end);
        return (line > max / 2 ? text.substring(0, line) : text.substring(0, end)).stripTrailing();
    }
}
