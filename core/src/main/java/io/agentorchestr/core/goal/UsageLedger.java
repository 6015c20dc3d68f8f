package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spending over time: at each look ({@link Spending} looks every {@link #LOOK_EVERY}, and once more as the
 * run stops), each agent whose records say it used more since its last record gets a
 * {@code usage_recorded} event with its totals (the dashboard draws its cost chart from them). Agents
 * whose records are not read are left out.
 */
final class UsageLedger {
    static final Duration LOOK_EVERY = Duration.ofSeconds(15);

    private final SessionRecord session;
    private final StateStore store;
    private final Supplier<Map<String, Map<String, Object>>> views;
    private final Map<String, Long> recorded = new HashMap<>();

    UsageLedger(SessionRecord session, StateStore store, Supplier<Map<String, Map<String, Object>>> views) {
        this.session = session;
        this.store = store;
        this.views = views;
    }

    /** Records each agent whose total changed; {@code who} is a worker id or "lead". */
    void look() {
        try {
            look(views.get());
        } catch (RuntimeException e) {
            store.append(session.id(), new SessionEvent.HealthAction(null, "usage_look_failed",
                    String.valueOf(e.getMessage())));
        }
    }

    /** Records the agents of {@code now} whose totals grew. */
    synchronized void look(Map<String, Map<String, Object>> now) {
        now.forEach((who, view) -> {
            if (!Boolean.TRUE.equals(view.get("known"))) {
                return;
            }
            long tokens = BudgetWatch.sum(java.util.List.of(view)).tokens();
            Long before = recorded.put(who, tokens);
            if (before == null || before != tokens) {
                Double usd = view.get("usd") instanceof Number n ? n.doubleValue() : null;
                store.append(session.id(), new SessionEvent.UsageRecorded(who, tokens, usd));
            }
        });
    }
}
