package io.agentorchestr.core.git;

/** A commit id and the first line of its message. */
public record CommitSummary(String id, String subject) {
    public String shortId() {
        return id.substring(0, Math.min(10, id.length()));
    }
}
