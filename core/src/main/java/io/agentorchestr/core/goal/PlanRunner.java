package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.PlanTask;
import io.agentorchestr.core.model.PlanTaskState;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.worker.Perspective;
import io.agentorchestr.core.worker.Perspectives;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs a session's plan: a task starts once every task it depends on is done (merged into the
 * integration branch), from the integration branch's head, as many at once as the worker limit
 * allows; a finished task's worker is merged; a task that fails (or whose merge conflicts) blocks the
 * tasks that wait for it, and the lead is told through its inbox until it retries or cancels. Every
 * change is stored, so a resumed session goes on where it stopped; a task's worker is spawned with a
 * request id per attempt, so nothing is started twice. All of it happens on one thread of its own.
 */
public final class PlanRunner implements AutoCloseable {
    private final SessionRecord session;
    private final StateStore store;
    private final WorkerBoard board;
    private final WorkerSpawner spawner;
    private final IntegrationDesk desk;
    private final Mailbox mailbox;
    private final Perspectives perspectives;
    private final Consumer<String> progress;
    private final Map<String, PlanTask> tasks = new LinkedHashMap<>();
    private final PlanTasks graph = new PlanTasks(tasks);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "plan");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean started;

    PlanRunner(SessionRecord session, StateStore store, WorkerBoard board, WorkerSpawner spawner, IntegrationDesk desk,
               Mailbox mailbox, Perspectives perspectives, Consumer<String> progress) {
        this.session = session;
        this.store = store;
        this.board = board;
        this.spawner = spawner;
        this.desk = desk;
        this.mailbox = mailbox;
        this.perspectives = perspectives;
        this.progress = progress;
        store.planTasks(session.id()).forEach(t -> tasks.put(t.id(), t));
    }

    /** The plan, in the order it was written. */
    public synchronized List<PlanTask> tasks() {
        return new ArrayList<>(tasks.values());
    }

    /** submit_plan: the session's plan; refused if it has one (update_plan changes it). */
    public List<PlanTask> submit(List<PlanCheck.Draft> drafts, PlanCheck check) {
        synchronized (this) {
            if (!tasks.isEmpty()) {
                throw new ToolError("this session already has a plan of " + tasks.size() + " task(s); change it with "
                        + "update_plan (add, cancel) and see it with get_plan");
            }
            add(drafts, check);
        }
        store.append(session.id(), new SessionEvent.PlanChanged(drafts.size(), 0, "submitted"));
        progress.accept("plan: " + drafts.size() + " task(s)");
        advanceLater();
        return tasks();
    }

    /** update_plan: tasks added (checked with the others) and tasks cancelled (a running one's worker is killed). */
    public List<PlanTask> update(List<PlanCheck.Draft> add, List<String> cancel, PlanCheck check,
                                 Consumer<String> kill) {
        List<String> killed = new ArrayList<>();
        synchronized (this) {
            for (String id : cancel) {
                require(id);
            }
            if (!add.isEmpty()) {
                add(add, check);
            }
            for (String id : cancel) {
                PlanTask t = tasks.get(id);
                if (t.state() == PlanTaskState.DONE || t.state() == PlanTaskState.CANCELLED) {
                    throw new ToolError("task '" + id + "' is " + t.state().label() + "; only a task not done can be "
                            + "cancelled");
                }
                if (t.state() == PlanTaskState.RUNNING && t.workerId() != null) {
                    killed.add(t.workerId());
                }
                settle(t, PlanTaskState.CANCELLED, "cancelled by the lead");
            }
        }
        killed.forEach(kill);
        store.append(session.id(), new SessionEvent.PlanChanged(add.size(), cancel.size(), "updated"));
        advanceLater();
        return tasks();
    }

    /** retry_task: a failed task starts again, and the tasks it blocked wait for it again. */
    public PlanTask retry(String id) {
        PlanTask again;
        synchronized (this) {
            PlanTask t = require(id);
            if (t.state() != PlanTaskState.FAILED) {
                throw new ToolError("task '" + id + "' is " + t.state().label() + "; only a failed task is retried"
                        + (t.state() == PlanTaskState.BLOCKED ? " (retry the one it waits for: " + t.reason() + ")" : ""));
            }
            again = put(t.with(PlanTaskState.PENDING, null, null));
            for (PlanTask d : graph.dependentsOf(id)) {
                if (d.state() == PlanTaskState.BLOCKED && !graph.blockedByOtherThan(d, id)) {
                    put(d.with(PlanTaskState.PENDING, null, null));
                }
            }
        }
        store.append(session.id(), new SessionEvent.PlanTaskChanged(id, null, "pending", "retried by the lead"));
        advanceLater();
        return again;
    }

    /** From now on tasks start (once the session can serve their workers' tools). */
    void start() {
        started = true;
        advanceLater();
    }

    /** A worker changed: if it is a task's, the plan may move on. */
    void workerChanged(WorkerRecord w) {
        boolean ours;
        synchronized (this) {
            ours = graph.taskOf(w.id()).isPresent();
        }
        if (w.state().terminal() && ours) {
            advanceLater();
        }
    }

    private void advanceLater() {
        if (!started) {
            return;
        }
        try {
            thread.execute(this::advance);
        } catch (RejectedExecutionException closed) {
            // the session is ending: nothing more starts
        }
    }

    private void advance() {
        try {
            boolean changed = true;
            while (changed) {
                changed = settleFinished() | startReady();
            }
        } catch (RuntimeException e) {
            store.append(session.id(), new SessionEvent.HealthAction(null, "plan_error", e.getMessage()));
            progress.accept("plan: " + e.getMessage());
        }
    }

    /** Running tasks whose workers have finished: merged (done) or failed. */
    private boolean settleFinished() {
        boolean changed = false;
        for (PlanTask t : tasks()) {
            Optional<WorkerRecord> w = t.state() == PlanTaskState.RUNNING && t.workerId() != null
                    ? board.find(t.workerId()) : Optional.empty();
            if (w.isEmpty() || !w.get().state().terminal()) {
                continue;
            }
            outcome(t, w.get());
            changed = true;
        }
        return changed;
    }

    private void outcome(PlanTask t, WorkerRecord w) {
        if (w.state() != WorkerState.DONE) {
            fail(t, w.id() + " ended " + w.state().label() + ": " + TerminalText.shortLine(String.valueOf(w.summary())));
            return;
        }
        Perspective role = perspectives.of(w.perspective());
        if (!role.merged()) {
            done(t, w.id() + "'s " + role.produces().label() + " went to the lead");
            return;
        }
        MergeOutcome m = w.mergedCommit() != null ? null : desk.merge(w.id());
        if (m == null || m.merged()) {
            done(t, "merged " + w.id());
        } else {
            fail(t, "merging " + w.id() + " failed: " + m.message() + (m.conflicts().isEmpty() ? ""
                    : " (" + String.join(", ", m.conflicts()) + ")"));
        }
    }

    /** Pending tasks whose dependencies are all done, started while the worker limit allows. */
    private boolean startReady() {
        boolean changed = false;
        for (PlanTask t : tasks()) {
            String context;
            synchronized (this) {
                if (t.state() != PlanTaskState.PENDING || !graph.ready(t)) {
                    continue;
                }
                context = graph.context(t);
            }
            WorkerRecord w;
            try {
                w = spawner.spawnFromIntegration(new SpawnRequest(t.task(), t.perspective(), List.of(), null,
                        context, t.agent(), List.of(), "plan-" + t.id() + "-" + (t.attempts() + 1)));
            } catch (ToolError e) {
                if (e.getMessage().contains("the maximum is") || e.getMessage().contains("the goal has ended")) {
                    return changed;  // started again when a worker finishes
                }
                fail(t, "its worker did not start: " + e.getMessage());
                changed = true;
                continue;
            }
            synchronized (this) {
                put(t.started(w.id()));
            }
            store.append(session.id(), new SessionEvent.PlanTaskChanged(t.id(), w.id(), "running", "started"));
            progress.accept("plan: " + t.id() + " started as " + w.id());
            changed = true;
        }
        return changed;
    }

    private void done(PlanTask t, String why) {
        synchronized (this) {
            settle(t, PlanTaskState.DONE, why);
        }
        progress.accept("plan: " + t.id() + " done (" + why + ")");
    }

    private void fail(PlanTask t, String why) {
        List<String> blocked;
        synchronized (this) {
            blocked = settle(t, PlanTaskState.FAILED, why);
        }
        progress.accept("plan: " + t.id() + " failed: " + why);
        mailbox.fromEngine(MessageType.ESCALATION, "Plan task '" + t.id() + "' failed: " + why + "."
                + (blocked.isEmpty() ? "" : " Blocked until it is retried: " + String.join(", ", blocked) + ".")
                + " retry_task(\"" + t.id() + "\") starts it again; update_plan(cancel) drops it.");
    }

    /** Records the task's new state; a failed or cancelled one blocks what waits for it. Returns those blocked. */
    private List<String> settle(PlanTask t, PlanTaskState state, String why) {
        put(tasks.get(t.id()).with(state, tasks.get(t.id()).workerId(), why));
        store.append(session.id(), new SessionEvent.PlanTaskChanged(t.id(), t.workerId(), state.label(), why));
        List<String> blocked = new ArrayList<>();
        if (state == PlanTaskState.FAILED || state == PlanTaskState.CANCELLED) {
            for (PlanTask d : graph.dependentsOf(t.id())) {
                if (d.state() == PlanTaskState.PENDING) {
                    put(d.with(PlanTaskState.BLOCKED, null, "waits for '" + t.id() + "', which " + state.label()));
                    store.append(session.id(), new SessionEvent.PlanTaskChanged(d.id(), null, "blocked", "by " + t.id()));
                    blocked.add(d.id());
                }
            }
        }
        return blocked;
    }

    private void add(List<PlanCheck.Draft> drafts, PlanCheck check) {
        check.check(drafts, graph.dependencies());
        graph.fromDrafts(session.id(), drafts, perspectives).forEach(this::put);
    }

    private PlanTask require(String id) {
        PlanTask t = tasks.get(id);
        if (t == null) {
            throw new ToolError("no task '" + id + "' in the plan; tasks: " + (tasks.isEmpty() ? "none (submit_plan "
                    + "first)" : String.join(", ", tasks.keySet())));
        }
        return t;
    }

    private PlanTask put(PlanTask t) {
        tasks.put(t.id(), t);
        store.savePlanTask(t);
        return t;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
