package io.agentorchestr.core.goal;

/**
 * How the goal ended: marked by the lead, or ended by agentorchestr (lead gone, timeout), or paused
 * by the user (Ctrl-C), which leaves everything running and resumable.
 */
public record GoalEnd(Kind kind, String summary) {
    public enum Kind { DONE, FAILED, LEAD_EXITED, TIMEOUT, PAUSED }

    public boolean success() {
        return kind == Kind.DONE;
    }
}
