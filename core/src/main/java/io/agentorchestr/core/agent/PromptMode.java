package io.agentorchestr.core.agent;

import java.util.Locale;

/** How an agent receives its first prompt. */
public enum PromptMode {
    /** As a positional argument (the launcher reads it from the prompt file; no size limit in tmux). */
    ARG,
    /** After {@code prompt_flag}, as text. */
    FLAG,
    /** After {@code prompt_flag}, as the prompt file's path. */
    FILE,
    /** Pasted into the agent's input once it shows its idle marker. */
    PASTE;

    static PromptMode parse(String text, String agent) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agent " + agent + ": prompt must be arg, flag, file or paste, not "
                    + text);
        }
    }
}
