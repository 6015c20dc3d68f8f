package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.WorkerRecord;

import java.util.List;
import java.util.Optional;

/**
 * The final report of a goal: how it ended, where the merged work is, each worker, the last verify,
 * and what was still running when it ended and was stopped (nothing is stopped when it pauses).
 */
public record GoalOutcome(SessionRecord session, GoalEnd end, String integrationBranch, String integrationWorktree,
                          List<WorkerRecord> workers, Optional<VerifyResult> verify,
                          Optional<AgentStopper.Stopped> stopped, java.util.Map<String, java.util.Map<String, Object>> usage) {
    public GoalOutcome {
        workers = List.copyOf(workers);
        usage = java.util.Map.copyOf(usage);
    }
}
