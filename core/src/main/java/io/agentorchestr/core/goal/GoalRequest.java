package io.agentorchestr.core.goal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Auto mode: a goal for a lead agent and its workers.
 *
 * @param agents     agents workers may use, in order of preference (empty: every installed real agent)
 * @param lead       the lead agent, or null to pick the first installed agent that can lead
 * @param timeout    how long the whole goal may take, or null for no limit
 */
public record GoalRequest(String goal, List<String> agents, String lead, Path project, String base,
                          Duration timeout, int maxWorkers) {
    public GoalRequest {
        agents = List.copyOf(agents);
    }
}
