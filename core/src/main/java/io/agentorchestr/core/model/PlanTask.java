package io.agentorchestr.core.model;

import java.time.Instant;
import java.util.List;

/**
 * One task of a session's plan, as stored: what to do and in which role, which tasks it waits for,
 * and where it stands (its current worker, why it failed or is blocked, how many times it started).
 *
 * @param position its place in the plan, for listing in the order it was written
 * @param agent    the agent to use, or null for the session's choice
 */
public record PlanTask(String sessionId, String id, int position, String task, String perspective, String agent,
                       List<String> dependsOn, PlanTaskState state, String workerId, String reason, int attempts,
                       Instant updatedAt) {
    public PlanTask {
        dependsOn = List.copyOf(dependsOn);
    }

    public PlanTask with(PlanTaskState newState, String worker, String why) {
        return new PlanTask(sessionId, id, position, task, perspective, agent, dependsOn, newState, worker, why,
                attempts, Instant.now());
    }

    /** Started (again): one more attempt, its worker named. */
    public PlanTask started(String worker) {
        return new PlanTask(sessionId, id, position, task, perspective, agent, dependsOn, PlanTaskState.RUNNING,
                worker, null, attempts + 1, Instant.now());
    }
}
