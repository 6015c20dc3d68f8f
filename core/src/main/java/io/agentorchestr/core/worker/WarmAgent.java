package io.agentorchestr.core.worker;

import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.agent.McpInjector;
import io.agentorchestr.core.tmux.PaneRef;

import java.nio.file.Path;
import java.time.Instant;

/**
 * An agent started ahead of its worker's task ({@link WarmLaunch}): its worker id, worktree (detached
 * at the session's base commit), MCP access and pane are its own already; it waits at its input.
 */
public final class WarmAgent {
    private final WorkerId id;
    private final AgentProfile agent;
    private final Path worktree;
    private final PaneRef pane;
    private final String agentSessionId;
    private final Instant started;
    final McpInjector.Injection injection;
    final PaneOpener.Attempt attempt;

    WarmAgent(WorkerId id, AgentProfile agent, PaneOpener.Attempt attempt, PaneRef pane,
              McpInjector.Injection injection, String agentSessionId, Instant started) {
        this.id = id;
        this.agent = agent;
        this.attempt = attempt;
        this.worktree = attempt.worktree();
        this.pane = pane;
        this.injection = injection;
        this.agentSessionId = agentSessionId;
        this.started = started;
    }

    public WorkerId id() {
        return id;
    }

    public String agentKey() {
        return agent.key();
    }

    public AgentProfile agent() {
        return agent;
    }

    public Path worktree() {
        return worktree;
    }

    public PaneRef pane() {
        return pane;
    }

    public String agentSessionId() {
        return agentSessionId;
    }

    public Instant started() {
        return started;
    }
}
