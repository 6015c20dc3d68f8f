package io.agentorchestr.core.session;

import io.agentorchestr.core.cost.Prices;
import io.agentorchestr.core.cost.TokenUsage;
import io.agentorchestr.core.cost.UsageMeter;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --cost}: what sessions used, read after the fact from the agents' own records (they stay
 * when worktrees are removed), per worker and for the lead, priced with each project's prices.
 */
public final class SessionCosts {
    /** One agent's part of a session: a worker, or the lead; usage empty when its records are not read. */
    public record Part(SessionRecord session, String who, String agent, Optional<TokenUsage> usage,
                       Optional<Double> usd) {
    }

    /** A session's cost: the USD of the parts with a known cost, and how many parts have none. */
    public record Total(double usd, int priced, int unknown) {
        public static Total of(List<Part> parts) {
            int priced = (int) parts.stream().filter(p -> p.usd().isPresent()).count();
            return new Total(parts.stream().flatMap(p -> p.usd().stream()).mapToDouble(d -> d).sum(), priced,
                    parts.size() - priced);
        }

        /** "0.0123"; "0.0123+" when some part's cost is unknown; "unknown" when none is known; "-" without parts. */
        public String shown() {
            if (priced == 0) {
                return unknown == 0 ? "-" : "unknown";
            }
            return String.format(java.util.Locale.ROOT, "%.4f", usd) + (unknown == 0 ? "" : "+");
        }
    }

    private final StateStore store;
    private final UsageMeter meter;
    private final Map<String, Prices> prices = new HashMap<>();

    public SessionCosts(StateStore store, UsageMeter meter) {
        this.store = store;
        this.meter = meter;
    }

    public List<Part> of(SessionRecord s) {
        List<Part> parts = new ArrayList<>();
        List<WorkerRecord> workers = store.workers(s.id());
        for (WorkerRecord w : workers) {
            parts.add(part(s, w.id(), w.agent(), meter.usage(s.id() + "/" + w.id(), w.agent(), Path.of(w.worktree()),
                    w.createdAt())));
        }
        if ("auto".equals(s.mode()) && s.leadAgent() != null) {
            // The lead works in the integration worktree, beside the workers'.
            Optional<Path> lead = workers.stream().map(w -> Path.of(w.worktree()).resolveSibling("integration"))
                    .findFirst();
            parts.add(part(s, "lead", s.leadAgent(), lead.flatMap(p -> meter.usage(s.id() + "/lead", s.leadAgent(), p,
                    s.createdAt()))));
        }
        return parts;
    }

    private Part part(SessionRecord s, String who, String agent, Optional<TokenUsage> usage) {
        Prices p = prices.computeIfAbsent(s.project(), project -> Prices.load(Path.of(project)));
        return new Part(s, who, agent, usage, usage.flatMap(p::usd));
    }
}
