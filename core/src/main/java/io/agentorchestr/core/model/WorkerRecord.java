package io.agentorchestr.core.model;

import io.agentorchestr.core.text.SecretRedactor;

import java.time.Instant;

/**
 * A worker as stored: what it was asked, where it runs (pane, worktree, branch), and how it ended.
 *
 * @param signal which completion signal decided the state (done_flag, output_line, pane_exit, ...)
 * @param exitStatus the agent process's exit status once its pane is dead
 * @param mergedCommit the merge commit on the integration branch, once merged
 * @param requestId the caller's idempotency key for the spawn, if it gave one
 */
public record WorkerRecord(String sessionId, String id, int attempt, String perspective, String agent,
                           String agentSessionId, String task, String paneId, String worktree, String branch,
                           WorkerState state, String summary, String signal, Integer exitStatus, String logPath,
                           Instant createdAt, Instant updatedAt, Instant endedAt, String mergedCommit,
                           String requestId) {

    public WorkerRecord withState(WorkerState newState, String newSummary, String newSignal, Integer newExit) {
        Instant now = Instant.now();
        return new WorkerRecord(sessionId, id, attempt, perspective, agent, agentSessionId, task, paneId, worktree,
                branch, newState, newSummary, newSignal, newExit, logPath, createdAt, now,
                newState.terminal() ? now : endedAt, mergedCommit, requestId);
    }

    /** A new attempt of this worker in the same worktree and branch: running again, in {@code pane}. */
    public WorkerRecord nextAttempt(String newAgentSessionId, String pane, String log) {
        return new WorkerRecord(sessionId, id, attempt + 1, perspective, agent, newAgentSessionId, task, pane,
                worktree, branch, WorkerState.RUNNING, null, null, null, log, createdAt, Instant.now(), null,
                mergedCommit, requestId);
    }

    /** As stored and reported: secrets in the task and the summary masked. */
    public WorkerRecord masked() {
        return new WorkerRecord(sessionId, id, attempt, perspective, agent, agentSessionId,
                SecretRedactor.redactText(task), paneId, worktree, branch, state, SecretRedactor.redactText(summary),
                signal, exitStatus, logPath, createdAt, updatedAt, endedAt, mergedCommit, requestId);
    }

    public WorkerRecord withMergedCommit(String commit) {
        return new WorkerRecord(sessionId, id, attempt, perspective, agent, agentSessionId, task, paneId, worktree,
                branch, state, summary, signal, exitStatus, logPath, createdAt, Instant.now(), endedAt, commit,
                requestId);
    }
}
