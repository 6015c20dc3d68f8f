package io.agentorchestr.core.cost;

import io.agentorchestr.core.model.WorkerRecord;

import java.nio.file.Path;
import java.util.Map;

/** A session's workers' usage as readers see it: read from the agents' records, priced from the project's config. */
public final class SessionUsage {
    public static final SessionUsage NONE = new SessionUsage(UsageMeter.NONE, Prices.NONE);

    private final UsageMeter meter;
    private final Prices prices;

    public SessionUsage(UsageMeter meter, Prices prices) {
        this.meter = meter;
        this.prices = prices;
    }

    /** The worker's "usage" view: tokens, model, USD or "price unknown", or unknown for an agent whose records are not read. */
    public Map<String, Object> of(WorkerRecord w) {
        return ofAgent(w.sessionId() + "/" + w.id(), w.agent(), Path.of(w.worktree()), w.createdAt());
    }

    /** The view of any agent of the session (the lead: "lead", in the integration worktree). */
    public Map<String, Object> ofAgent(String id, String agent, Path worktree, java.time.Instant since) {
        return UsageView.of(meter.usage(id, agent, worktree, since), prices);
    }
}
