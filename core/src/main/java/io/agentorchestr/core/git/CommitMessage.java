package io.agentorchestr.core.git;

import io.agentorchestr.core.text.TerminalText;

/**
 * Commit and merge messages built from agent text (a worker's summary, a task) made safe for git:
 * git cuts a message at a NUL and shows control characters raw in every log, so both go; lone
 * surrogates cannot be encoded; an overlong message is cut.
 */
public final class CommitMessage {
    private static final int MAX = 4000;

    private CommitMessage() {
    }

    public static String safe(String message) {
        String clean = TerminalText.safe(message).strip();
        if (clean.length() > MAX) {
            clean = clean.substring(0, MAX - 3) + "...";
        }
        return clean.isEmpty() ? "agentorchestr: (no message)" : clean;
    }
}
