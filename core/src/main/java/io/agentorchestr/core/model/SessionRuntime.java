package io.agentorchestr.core.model;


import java.time.Duration;

/**
 * What a running goal needs beyond its {@link SessionRecord} to be resumed after a crash: the lead's
 * conversation and pane, and the run's settings. Written when they change, not at exit.
 *
 * @param leadAgentSessionId the lead agent's pre-assigned conversation id (for its resume flag), or null
 * @param leadPane           the pane the lead runs in
 * @param leadLaunches       how often the lead has been launched (1, then 2 after one relaunch)
 * @param timeout            the goal's time limit, or null
 */
public record SessionRuntime(String sessionId, String leadAgentSessionId, String leadPane, int leadLaunches,
                             int maxWorkers, Duration timeout, HealthPolicy health) {

    /** The goal's time limit from now on (a resumed run's --timeout). */
    public SessionRuntime withTimeout(Duration t) {
        return new SessionRuntime(sessionId, leadAgentSessionId, leadPane, leadLaunches, maxWorkers, t, health);
    }

    public SessionRuntime withLead(String agentSessionId, String pane, int launches) {
        return new SessionRuntime(sessionId, agentSessionId, pane, launches, maxWorkers, timeout, health);
    }
}
