package io.agentorchestr.cli;

import io.agentorchestr.core.text.TerminalText;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns for human-readable listings (the --json form is for machines). */
public final class TextTable {
    /** The least a cut last column keeps, however narrow the terminal. */
    static final int MIN_LAST = 12;

    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        rows.add(header);
    }

    public TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    public void print(PrintWriter out) {
        print(out, TerminalWidth.UNLIMITED);
    }

    /**
     * Fits each line in {@code width}: the last column (the free text, a goal or a reason) is cut with
     * "..." to what is left, never below {@link #MIN_LAST} characters.
     */
    public void print(PrintWriter out, int width) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns - 1; i++) {
                widths[i] = Math.max(widths[i], cell(r, i).length());
            }
        }
        int lastStart = java.util.Arrays.stream(widths).limit(columns - 1).map(w -> w + 2).sum();
        int room = width == TerminalWidth.UNLIMITED ? Integer.MAX_VALUE : Math.max(MIN_LAST, width - lastStart);
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String c = cell(r, i);
                line.append(i < columns - 1 ? String.format("%-" + (widths[i] + 2) + "s", c) : cut(c, room));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String cut(String text, int room) {
        if (text.length() <= room) {
            return text;
        }
        int end = Math.max(0, room - 3);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;  // never half a character
        }
        return text.substring(0, end).stripTrailing() + "...";
    }

    /** Cells may hold agents' text: made safe for a terminal, on one line. */
    private static String cell(String[] row, int i) {
        return i < row.length && row[i] != null ? TerminalText.safe(row[i]).replace('\n', ' ').replace('\t', ' ')
                : "";
    }
}
