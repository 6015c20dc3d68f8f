package io.agentorchestr.core.goal;

import java.util.List;

/** The answer to merge_worker. */
public record MergeOutcome(String worker, boolean merged, String commit, List<String> conflicts, String message) {
    public MergeOutcome {
        conflicts = List.copyOf(conflicts);
    }
}
