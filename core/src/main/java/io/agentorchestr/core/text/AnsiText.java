package io.agentorchestr.core.text;

/**
 * Removes terminal escape sequences (CSI, OSC, DCS and two-byte ESC sequences) and control
 * characters other than tab from pane output, leaving the text a person would read.
 */
public final class AnsiText {
    private static final char ESC = 0x1b;
    private static final char BEL = 0x07;

    private AnsiText() {
    }

    public static String strip(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ESC && i + 1 < s.length()) {
                i = skipEscape(s, i + 1);
            } else if (c == 0x9b) {
                i = skipCsi(s, i + 1);
            } else if (c == '\t' || c == '\n' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0))) {
                out.append(c);
                i++;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static int skipEscape(String s, int i) {
        char kind = s.charAt(i);
        return switch (kind) {
            case '[' -> skipCsi(s, i + 1);
            case ']', 'P', '_', '^', 'X' -> skipString(s, i + 1);
            case '(', ')', '*', '+', '#', '%' -> Math.min(s.length(), i + 2);
            default -> i + 1;
        };
    }

    private static int skipCsi(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c >= 0x40 && c <= 0x7e) {
                break;
            }
        }
        return i;
    }

    /** OSC/DCS/APC/PM strings end with BEL or ESC \ (string terminator). */
    private static int skipString(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == BEL) {
                return i + 1;
            }
            if (c == ESC && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                return i + 2;
            }
            i++;
        }
        return i;
    }
}
