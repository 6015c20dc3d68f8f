package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.WorkerRecord;

import java.util.List;

/**
 * What woke a wait_for_any ({@link WorkerBoard#awaitAny}): finished workers, running ones that need the
 * lead, and how many messages reached the lead's inbox since the last wake said so.
 */
public record Wakeup(List<WorkerRecord> finished, List<Attention> attention, int newMessages) {
    static final Wakeup NOTHING = new Wakeup(List.of(), List.of(), 0);

    /** A running worker that needs the lead's attention, and why. */
    public record Attention(WorkerRecord worker, String reason) {
    }
}
