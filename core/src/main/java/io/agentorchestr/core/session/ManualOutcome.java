package io.agentorchestr.core.session;

import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.git.CommitSummary;
import io.agentorchestr.core.model.WorkerRecord;

import java.util.List;

/**
 * How a manual task ended: the stored session and worker, the commits on the worker's branch, and
 * what was stopped because it was still running.
 */
public record ManualOutcome(SessionRecord session, WorkerRecord worker, List<CommitSummary> commits,
                            AgentStopper.Stopped stopped) {
    public ManualOutcome {
        commits = List.copyOf(commits);
    }
}
