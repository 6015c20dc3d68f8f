package io.agentorchestr.core.worker;

import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.agent.McpAccess;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A worker to start.
 *
 * @param binary     the agent executable found by detection
 * @param firstPane  the worker opens the tmux session (manual mode) instead of joining it
 * @param requestId  the caller's idempotency key, or null
 * @param mcp        the worker's own MCP access (worker tools only), when the session serves MCP
 * @param startCommit the commit its branch starts from, or null for the session's base commit
 */
public record WorkerSpec(WorkerId id, WorkerBrief brief, AgentProfile agent, Path binary, boolean firstPane,
                         String requestId, Optional<McpAccess> mcp, String startCommit) {
}
