package io.agentorchestr.core.goal;

import io.agentorchestr.core.cost.Budget;
import io.agentorchestr.core.cost.SessionUsage;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a session's agents spend: each worker's and the lead's usage (read from their records, priced),
 * and the budget that stops spending ({@link BudgetWatch}). Nothing is read, and no thread runs, until
 * the session is measured.
 */
public final class Spending implements AutoCloseable {
    private final SessionRecord session;
    private final StateStore store;
    private final Tmux tmux;
    private final WorkerBoard board;
    private final Mailbox mailbox;
    private final GoalVerdict verdict;
    private final Path leadWorktree;
    private volatile SessionUsage usage = SessionUsage.NONE;
    private volatile BudgetWatch watch;
    private volatile UsageLedger ledger;
    private ScheduledExecutorService looks;
    private volatile PaneRef leadPane;

    Spending(SessionRecord session, StateStore store, Tmux tmux, WorkerBoard board, Mailbox mailbox, GoalVerdict verdict,
             Path leadWorktree) {
        this.session = session;
        this.store = store;
        this.tmux = tmux;
        this.board = board;
        this.mailbox = mailbox;
        this.verdict = verdict;
        this.leadWorktree = leadWorktree;
    }

    /** How usage is read and priced, and what the session may spend. */
    void measureWith(SessionUsage sessionUsage, Budget budget) {
        this.usage = sessionUsage;
        this.watch = new BudgetWatch(session, store, tmux, budget, () -> BudgetWatch.sum(List.copyOf(all().values())),
                () -> BudgetWatch.panes(board.all(), leadPane), mailbox, verdict);
        this.ledger = new UsageLedger(session, store, this::all);
    }

    public SessionUsage usage() {
        return usage;
    }

    /** The lead's usage view: it is an agent like the others, in the integration worktree. */
    public Map<String, Object> lead() {
        return usage.ofAgent(Mailbox.LEAD, session.leadAgent(), leadWorktree, session.createdAt());
    }

    /** Each worker's usage view by its id, and the lead's. */
    private Map<String, Map<String, Object>> all() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (WorkerRecord w : board.all()) {
            out.put(w.id(), usage.of(w));
        }
        out.put(Mailbox.LEAD, lead());
        return out;
    }

    /**
     * From now on, once measured, spending is looked at on one thread: the budget every
     * {@link BudgetWatch#LOOK_EVERY} (when there is one), the ledger every {@link UsageLedger#LOOK_EVERY}
     * (the lead is at {@code pane}).
     */
    synchronized void start(PaneRef pane) {
        this.leadPane = pane;
        BudgetWatch w = watch;
        UsageLedger l = ledger;
        if (l == null || looks != null) {
            return;
        }
        looks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spending");
            t.setDaemon(true);
            return t;
        });
        if (w.active()) {
            looks.scheduleWithFixedDelay(w::look, 0, BudgetWatch.LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        long ledgerEvery = UsageLedger.LOOK_EVERY.toMillis();
        looks.scheduleWithFixedDelay(l::look, ledgerEvery, ledgerEvery, TimeUnit.MILLISECONDS);
    }

    /** Whether a budget is being kept. */
    boolean watchingBudget() {
        BudgetWatch w = watch;
        return looks != null && w != null && w.active();
    }

    void leadAt(PaneRef pane) {
        this.leadPane = pane;
    }

    /** Why no new worker may start: the budget is spent. */
    Optional<String> refusal() {
        BudgetWatch w = watch;
        return w == null ? Optional.empty() : w.refusal();
    }

    /**
     * The agents' usage views now (each worker's by id, and the lead's), recorded in the ledger as they
     * are: the final report's figures are the spending chart's last point.
     */
    public Map<String, Map<String, Object>> settle() {
        Map<String, Map<String, Object>> now = all();
        UsageLedger l = ledger;
        if (l != null) {
            l.look(now);
        }
        return now;
    }

    /** Stops looking; the ledger records the last totals. */
    @Override
    public synchronized void close() {
        if (looks != null) {
            looks.shutdownNow();
            looks = null;
            ledger.look();
        }
    }
}
