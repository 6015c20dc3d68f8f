package io.agentorchestr.core.model;

import io.agentorchestr.core.text.SecretRedactor;

import java.time.Instant;
import java.util.List;

/**
 * A session as stored: enough to list it, report on it and (later) resume it.
 *
 * @param mode        "manual" or "auto"
 * @param goal        the goal (auto) or task (manual) text
 * @param tmuxServer  the tmux socket the session lives on ("" for the default server)
 * @param ownerPid    the orchestrator process driving it, to tell a crash from a live run
 */
public record SessionRecord(String id, String mode, String goal, String project, String leadAgent,
                            List<String> agents, SessionStatus status, String baseCommit, String integrationBranch,
                            String tmuxSession, String tmuxServer, Integer mcpPort, String sessionDir, long ownerPid,
                            String summary, Instant createdAt, Instant updatedAt, Instant endedAt) {

    public SessionRecord {
        agents = List.copyOf(agents);
    }

    public SessionRecord withMcpPort(int port) {
        return new SessionRecord(id, mode, goal, project, leadAgent, agents, status, baseCommit, integrationBranch,
                tmuxSession, tmuxServer, port, sessionDir, ownerPid, summary, createdAt, Instant.now(), endedAt);
    }

    /** Driven again by process {@code pid} after a pause or crash. */
    public SessionRecord resumed(long pid) {
        return new SessionRecord(id, mode, goal, project, leadAgent, agents, SessionStatus.RUNNING, baseCommit,
                integrationBranch, tmuxSession, tmuxServer, mcpPort, sessionDir, pid, summary, createdAt, Instant.now(),
                null);
    }

    /** As stored and reported: secrets in the goal and the summary masked. */
    public SessionRecord masked() {
        return new SessionRecord(id, mode, SecretRedactor.redactText(goal), project, leadAgent, agents, status,
                baseCommit, integrationBranch, tmuxSession, tmuxServer, mcpPort, sessionDir, ownerPid,
                SecretRedactor.redactText(summary), createdAt, updatedAt, endedAt);
    }

    public SessionRecord ended(SessionStatus newStatus, String newSummary) {
        Instant now = Instant.now();
        return new SessionRecord(id, mode, goal, project, leadAgent, agents, newStatus, baseCommit,
                integrationBranch, tmuxSession, tmuxServer, mcpPort, sessionDir, ownerPid, newSummary, createdAt,
                now, newStatus.finished() ? now : endedAt);
    }
}
