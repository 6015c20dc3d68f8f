package io.agentorchestr.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * A worker started without a prompt file waits at its input, as a real agent started ahead of its
 * task does, and takes its prompt as one bracketed paste: it asks the terminal for bracketed paste
 * mode, so a multi-line prompt arrives between {@code ESC[200~} and {@code ESC[201~} and the Enter
 * after it submits the whole. A single line typed without a paste is a prompt too.
 */
final class PastedPrompt {
    static final String BRACKETS_ON = "\u001b[?2004h";
    static final String BRACKETS_OFF = "\u001b[?2004l";
    static final String PASTE_START = "\u001b[200~";
    static final String PASTE_END = "\u001b[201~";

    private PastedPrompt() {
    }

    /** The prompt, or null when the input ended before one came. */
    static String read(BufferedReader in, PrintStream out) throws IOException {
        out.print(BRACKETS_ON);
        out.print("demo> ");
        out.flush();
        StringBuilder pasted = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (pasted == null) {
                int start = line.indexOf(PASTE_START);
                if (start < 0) {
                    if (!line.isBlank()) {
                        return done(out, line.strip());
                    }
                    continue;
                }
                pasted = new StringBuilder();
                line = line.substring(start + PASTE_START.length());
            }
            int end = line.indexOf(PASTE_END);
            if (end >= 0) {
                return done(out, pasted.append(line, 0, end).toString());
            }
            pasted.append(line).append('\n');
        }
        return null;
    }

    private static String done(PrintStream out, String prompt) {
        out.print(BRACKETS_OFF);
        out.println();
        out.flush();
        return prompt;
    }
}
