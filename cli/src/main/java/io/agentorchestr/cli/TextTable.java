package io.agentorchestr.cli;

import io.agentorchestr.core.text.TerminalText;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns for human-readable listings (the --json form is for machines). */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        rows.add(header);
    }

    public TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    public void print(PrintWriter out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns - 1; i++) {
                width[i] = Math.max(width[i], cell(r, i).length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String c = cell(r, i);
                line.append(i < columns - 1 ? String.format("%-" + (width[i] + 2) + "s", c) : c);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Cells may hold agents' text: made safe for a terminal, on one line. */
    private static String cell(String[] row, int i) {
        return i < row.length && row[i] != null ? TerminalText.safe(row[i]).replace('\n', ' ').replace('\t', ' ')
                : "";
    }
}
