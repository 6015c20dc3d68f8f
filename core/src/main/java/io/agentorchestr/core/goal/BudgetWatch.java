package io.agentorchestr.core.goal;

import io.agentorchestr.core.cost.Budget;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps a session within its budget, by what the agents' records say (docs/cost.md: a response counts
 * once its record is written, so the cap is approximate by one response per agent and one look): at 80 %
 * the lead is told; at 100 % no new worker starts, every agent is interrupted as for Ctrl-C, and the run
 * pauses (exit 4) until it is resumed with a larger budget. Looked at by {@link Spending}'s thread, only
 * in a session with a budget.
 */
final class BudgetWatch {
    static final Duration LOOK_EVERY = Duration.ofSeconds(3);

    /** Typed into each worker the budget's pause interrupted, when the session is resumed. */
    static final String GO_ON = "[agentorchestr] The session's budget was raised and the session resumed after "
            + "it paused you (Ctrl-C). Go on with your task where you stopped.";

    /**
     * Whether the session's last stop was this watch's: a 100 % budget_reached since it last started or
     * resumed, so its agents were interrupted and wait at their prompts.
     */
    static boolean pausedIt(List<io.agentorchestr.core.model.EventRecord> events) {
        boolean paused = false;
        for (io.agentorchestr.core.model.EventRecord e : events) {
            if (e.kind().equals("session_resumed") || e.kind().equals("session_started")) {
                paused = false;
            } else if (e.kind().equals("budget_reached") && e.data().contains("\"percent\":100")) {
                paused = true;
            }
        }
        return paused;
    }

    /** What the session has spent so far, by its agents' records. */
    record Spent(double usd, long tokens) {
    }

    private final SessionRecord session;
    private final StateStore store;
    private final Tmux tmux;
    private final Budget budget;
    private final Supplier<Spent> spent;
    private final Supplier<List<PaneRef>> agents;
    private final Mailbox mailbox;
    private final GoalVerdict verdict;
    private volatile boolean warned;
    private volatile String exhausted;

    BudgetWatch(SessionRecord session, StateStore store, Tmux tmux, Budget budget, Supplier<Spent> spent,
                Supplier<List<PaneRef>> agents, Mailbox mailbox, GoalVerdict verdict) {
        this.session = session;
        this.store = store;
        this.tmux = tmux;
        this.budget = budget;
        this.spent = spent;
        this.agents = agents;
        this.mailbox = mailbox;
        this.verdict = verdict;
    }

    /** Whether there is a budget to keep (without one nothing is looked at). */
    boolean active() {
        return budget.any();
    }

    /** Why no new worker may start, once the budget is spent. */
    Optional<String> refusal() {
        return Optional.ofNullable(exhausted);
    }

    void look() {
        try {
            Spent s = spent.get();
            double share = budget.used(s.usd(), s.tokens());
            String used = String.format(Locale.ROOT, "USD %.4f and %d tokens", s.usd(), s.tokens());
            if (share >= 1 && exhausted == null) {
                exhausted = "the budget of " + budget.describe() + " is spent (" + used + " by the agents' records); "
                        + "no new worker starts";
                store.append(session.id(), new SessionEvent.BudgetReached(100, used));
                List<PaneRef> panes = new ArrayList<>(agents.get());
                panes.forEach(p -> tmux.sendKeys(p, "C-c"));
                verdict.pauseWith(exhausted + "; the agents were interrupted; continue with agentorchestr --resume "
                        + session.id() + " --budget MORE (or --token-budget MORE)");
            } else if (share >= Budget.WARN_AT && !warned) {
                warned = true;
                store.append(session.id(), new SessionEvent.BudgetReached((int) (share * 100), used));
                mailbox.fromEngine(MessageType.ESCALATION, (int) (share * 100) + " % of the session's budget ("
                        + budget.describe() + ") is used: " + used + ". At 100 % no new worker starts and the "
                        + "session pauses; finish what matters first.");
            }
        } catch (RuntimeException e) {
            store.append(session.id(), new SessionEvent.HealthAction(null, "budget_check_failed",
                    String.valueOf(e.getMessage())));
        }
    }

    /** What the workers and the lead have spent, from their usage views (unknown parts count nothing). */
    static Spent sum(List<Map<String, Object>> usages) {
        double usd = 0;
        long tokens = 0;
        for (Map<String, Object> u : usages) {
            if (!Boolean.TRUE.equals(u.get("known"))) {
                continue;
            }
            tokens += ((Number) u.get("input_tokens")).longValue() + ((Number) u.get("cache_write_tokens")).longValue()
                    + ((Number) u.get("cache_read_tokens")).longValue() + ((Number) u.get("output_tokens")).longValue();
            if (u.get("usd") instanceof Number n) {
                usd += n.doubleValue();
            }
        }
        return new Spent(usd, tokens);
    }

    static List<PaneRef> panes(List<WorkerRecord> workers, PaneRef lead) {
        List<PaneRef> out = new ArrayList<>();
        workers.stream().filter(w -> !w.state().terminal() && w.paneId() != null).forEach(w -> out.add(
                new PaneRef(w.paneId())));
        if (lead != null) {
            out.add(lead);
        }
        return out;
    }
}
