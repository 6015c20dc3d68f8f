package io.agentorchestr.core.model;

import java.util.Locale;

/**
 * Where a task of a plan stands. {@code PENDING} waits for its dependencies, {@code RUNNING} has a
 * worker, {@code DONE} is merged into the integration branch (or, for a role that is not merged, has
 * delivered its outcome), {@code FAILED} ended otherwise (or its merge conflicted), {@code BLOCKED}
 * waits for a dependency that failed or was cancelled to be retried, {@code CANCELLED} was taken out.
 */
public enum PlanTaskState {
    PENDING, RUNNING, DONE, FAILED, BLOCKED, CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PlanTaskState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** Nothing more happens to it unless the lead acts (retry_task, update_plan). */
    public boolean settled() {
        return this == DONE || this == FAILED || this == BLOCKED || this == CANCELLED;
    }
}
