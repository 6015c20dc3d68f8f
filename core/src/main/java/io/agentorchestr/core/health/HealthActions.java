package io.agentorchestr.core.health;

import io.agentorchestr.core.model.WorkerState;

/** What the health monitor asks the session to do; the supervisor carries it out and records it. */
public interface HealthActions {

    /** The worker's activity changed: running, waiting (needs input), idle (at its prompt) or hung. */
    void activityChanged(String workerId, WorkerState state, String reason, long outputOffset);

    /** Type {@code text} into the worker's agent. */
    void nudge(String workerId, String text);

    /** Press Ctrl-C in the worker's pane. */
    void interrupt(String workerId);

    /** Start the worker's agent again in its worktree (a new attempt). */
    void restart(String workerId, String reason);

    /** Stop trying: the worker ends as failed and the lead is told why. */
    void giveUp(String workerId, String reason);

    /** The lead should look at this worker (it waits for input, or idles without reporting). */
    void needsAttention(String workerId, String reason);

    /** Carrying out {@code step} for the worker failed; the worker is failed with the reason. */
    void actionFailed(String workerId, String step, RuntimeException error);
}
