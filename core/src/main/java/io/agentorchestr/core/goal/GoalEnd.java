package io.agentorchestr.core.goal;

/** How the goal ended: marked by the lead, or ended by agentorchestr (lead exited, timeout, interrupt). */
public record GoalEnd(Kind kind, String summary) {
    public enum Kind { DONE, FAILED, LEAD_EXITED, TIMEOUT, INTERRUPTED }

    public boolean success() {
        return kind == Kind.DONE;
    }
}
