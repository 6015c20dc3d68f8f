package io.agentorchestr.core.worker;

import io.agentorchestr.core.agent.AgentProfile;

import java.nio.file.Path;

/**
 * A worker to start.
 *
 * @param binary     the agent executable found by detection
 * @param firstPane  the worker opens the tmux session (manual mode) instead of joining it
 */
public record WorkerSpec(WorkerId id, String perspective, String task, AgentProfile agent, Path binary,
                         boolean firstPane) {
}
