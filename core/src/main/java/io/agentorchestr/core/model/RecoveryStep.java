package io.agentorchestr.core.model;

import java.util.Arrays;
import java.util.Locale;

/** One step of the recovery policy for a hung worker, tried in the configured order. */
public enum RecoveryStep {
    /** Type a message asking the agent to carry on or report its outcome. */
    NUDGE,
    /** Press Ctrl-C in the pane, as a user would to stop a stuck turn. */
    INTERRUPT,
    /** Start the agent again in the same worktree and branch (a new attempt). */
    RESTART;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecoveryStep parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.label().equals(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown recovery step '" + text
                        + "'; use nudge, interrupt and/or restart"));
    }
}
