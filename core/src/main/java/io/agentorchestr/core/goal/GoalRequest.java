package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.tmux.PaneLayout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Auto mode: a goal for a lead agent and its workers.
 *
 * @param agents     agents workers may use, in order of preference (empty: every installed real agent)
 * @param lead       the lead agent, or null to pick the first installed agent that can lead
 * @param timeout    how long the whole goal may take, or null for no limit
 * @param health     the session's health policy, or null for the project's (config.toml, else defaults)
 * @param layout     the pane layout asked for (--layout), or null for the project's, else the default
 * @param panesPerWindow the panes a window holds (--panes-per-window), or null likewise
 * @param plan       a plan the engine runs from the start (--plan), or empty for the lead to plan
 */
public record GoalRequest(String goal, List<String> agents, String lead, Path project, String base,
                          Duration timeout, int maxWorkers, HealthPolicy health, PaneLayout.Kind layout,
                          Integer panesPerWindow, List<PlanCheck.Draft> plan) {
    public GoalRequest {
        agents = List.copyOf(agents);
        plan = plan == null ? List.of() : List.copyOf(plan);
    }

    public GoalRequest(String goal, List<String> agents, String lead, Path project, String base, Duration timeout,
                       int maxWorkers, HealthPolicy health, PaneLayout.Kind layout, Integer panesPerWindow) {
        this(goal, agents, lead, project, base, timeout, maxWorkers, health, layout, panesPerWindow, List.of());
    }

    public GoalRequest(String goal, List<String> agents, String lead, Path project, String base, Duration timeout,
                       int maxWorkers) {
        this(goal, agents, lead, project, base, timeout, maxWorkers, null, null, null);
    }
}
