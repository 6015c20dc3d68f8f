package io.agentorchestr.core.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One agent, one task, one worktree, no lead.
 *
 * @param agents  agents to choose from, in order of preference (empty: any installed real agent)
 * @param base    branch or commit to start from (null: HEAD)
 * @param timeout how long to wait for completion (null: no limit)
 */
public record ManualRequest(String task, List<String> agents, Path project, String base, Duration timeout) {
    public ManualRequest {
        agents = List.copyOf(agents);
    }
}
