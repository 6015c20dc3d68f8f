package io.agentorchestr.core.session;

import io.agentorchestr.core.git.CommitSummary;
import io.agentorchestr.core.worker.WorkerRecord;

import java.util.List;

/** How a manual task ended: the stored session and worker, and the commits on the worker's branch. */
public record ManualOutcome(SessionRecord session, WorkerRecord worker, List<CommitSummary> commits) {
    public ManualOutcome {
        commits = List.copyOf(commits);
    }
}
