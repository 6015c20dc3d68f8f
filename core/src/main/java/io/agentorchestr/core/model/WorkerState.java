package io.agentorchestr.core.model;

import java.util.Locale;

/** The life cycle of a worker (SPEC §6). Terminal states end monitoring. */
public enum WorkerState {
    STARTING, RUNNING, WAITING, IDLE, DONE, BLOCKED, FAILED, HUNG, KILLED, TIMEOUT, ORPHANED;

    public boolean terminal() {
        return switch (this) {
            case DONE, BLOCKED, FAILED, KILLED, TIMEOUT, ORPHANED -> true;
            default -> false;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkerState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
