package io.agentorchestr.core.model;

import java.util.Locale;

/** Where a session stands. {@code running} sessions whose process died are found by --list-sessions. */
public enum SessionStatus {
    RUNNING, DONE, FAILED, PAUSED, INTERRUPTED;

    public boolean finished() {
        return this == DONE || this == FAILED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
