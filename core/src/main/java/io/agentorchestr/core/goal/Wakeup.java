package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.WorkerRecord;

import java.util.List;

/** What woke a wait_for_any ({@link WorkerBoard#awaitAny}): finished workers and running ones that need the lead. */
public record Wakeup(List<WorkerRecord> finished, List<Attention> attention) {
    /** A running worker that needs the lead's attention, and why. */
    public record Attention(WorkerRecord worker, String reason) {
    }
}
