package io.agentorchestr.core.store;

import io.agentorchestr.core.model.OpRecord;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.error.FileTrouble;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionRuntime;
import io.agentorchestr.core.model.WorkerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The store as a running session's background work sees it: a write that fails (the disk is full,
 * another process holds the database locked, the file became unwritable) is reported and skipped,
 * so the goal goes on in memory instead of a watcher thread dying and a worker never being recorded
 * as finished. The user is told at once and then at most every {@link #REPEAT}, with the count of
 * writes lost (a session that lost writes may not resume exactly). Reads still fail loudly.
 */
public final class FailSoftStore implements StateStore {
    static final Duration REPEAT = Duration.ofSeconds(30);

    private final StateStore store;
    private final Consumer<String> trouble;
    private long lost;
    private Instant lastReport;
    private volatile Consumer<String> diskFull = reason -> { };
    private volatile boolean diskFullTold;

    public FailSoftStore(StateStore store, Consumer<String> trouble) {
        this.store = store;
        this.trouble = trouble;
    }

    /** How many writes were lost so far. */
    public synchronized long lostWrites() {
        return lost;
    }

    private void write(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            failed(what, e);
        }
    }

    /**
     * Who is told when a write fails because a disk is full (once): a session pauses then, its agents
     * running, instead of going on without a record or ending; it resumes once space is freed.
     */
    public void onDiskFull(Consumer<String> listener) {
        this.diskFull = listener;
    }

    private void failed(String what, RuntimeException e) {
        if (FileTrouble.diskFull(e) && !diskFullTold) {
            diskFullTold = true;
            diskFull.accept("the disk holding the state store is full (" + e.getMessage() + ")");
        }
        String message = null;
        synchronized (this) {
            lost++;
            Instant now = Instant.now();
            if (lastReport == null || now.isAfter(lastReport.plus(REPEAT))) {
                lastReport = now;
                message = "cannot record " + what + " in the state store (" + e.getMessage() + "); the session goes on, "
                        + lost + " write(s) lost so far, and it may not resume exactly";
            }
        }
        if (message != null) {
            trouble.accept(message);
        }
    }

    @Override
    public void createSession(SessionRecord session) {
        store.createSession(session);
    }

    @Override
    public int dropEventsEndedBefore(java.time.Instant cutoff, java.util.Set<String> kinds) {
        int[] dropped = {0};
        write("the pruning of old events", () -> dropped[0] = store.dropEventsEndedBefore(cutoff, kinds));
        return dropped[0];
    }

    @Override
    public long compact() {
        long[] freed = {0};
        write("the compaction of the store", () -> freed[0] = store.compact());
        return freed[0];
    }

    @Override
    public int dropEvents(String sessionId, java.util.Set<String> kinds) {
        int[] dropped = {0};
        write("the pruning of events", () -> dropped[0] = store.dropEvents(sessionId, kinds));
        return dropped[0];
    }

    @Override
    public void updateSession(SessionRecord session) {
        write("the session", () -> store.updateSession(session));
    }

    @Override
    public Optional<SessionRecord> session(String id) {
        return store.session(id);
    }

    @Override
    public List<SessionRecord> recentSessions(int limit) {
        return store.recentSessions(limit);
    }

    @Override
    public void saveWorker(WorkerRecord worker) {
        write("worker " + worker.id(), () -> store.saveWorker(worker));
    }

    @Override
    public void deleteWorker(String sessionId, String workerId) {
        write("the removal of worker " + workerId, () -> store.deleteWorker(sessionId, workerId));
    }

    @Override
    public List<WorkerRecord> workers(String sessionId) {
        return store.workers(sessionId);
    }

    @Override
    public Optional<WorkerRecord> worker(String sessionId, String workerId) {
        return store.worker(sessionId, workerId);
    }

    @Override
    public void saveRuntime(SessionRuntime runtime) {
        write("the session's runtime", () -> store.saveRuntime(runtime));
    }

    @Override
    public Optional<SessionRuntime> runtime(String sessionId) {
        return store.runtime(sessionId);
    }

    @Override
    public void saveToken(String sessionId, String owner, String token) {
        write("the token of " + owner, () -> store.saveToken(sessionId, owner, token));
    }

    @Override
    public void deleteToken(String sessionId, String owner) {
        write("the revocation of " + owner + "'s token", () -> store.deleteToken(sessionId, owner));
    }

    @Override
    public Map<String, String> tokens(String sessionId) {
        return store.tokens(sessionId);
    }

    @Override
    public void saveOutputOffset(String sessionId, String workerId, long offset) {
        write("the output offset of " + workerId, () -> store.saveOutputOffset(sessionId, workerId, offset));
    }

    @Override
    public long outputOffset(String sessionId, String workerId) {
        return store.outputOffset(sessionId, workerId);
    }

    @Override
    public long append(String sessionId, SessionEvent event) {
        try {
            return store.append(sessionId, event);
        } catch (RuntimeException e) {
            failed("a " + event.kind() + " event", e);
            return -1;
        }
    }

    @Override
    public void observe(io.agentorchestr.core.model.EventObserver observer) {
        store.observe(observer);
    }

    @Override
    public List<EventRecord> events(String sessionId) {
        return store.events(sessionId);
    }

    @Override
    public long beginOp(String sessionId, String kind, String detail) {
        try {
            return store.beginOp(sessionId, kind, detail);
        } catch (RuntimeException e) {
            failed("the start of " + kind, e);
            return -1;
        }
    }

    @Override
    public void finishOp(long opId, String outcome) {
        if (opId >= 0) {
            write("the end of an operation", () -> store.finishOp(opId, outcome));
        }
    }

    @Override
    public List<OpRecord> unfinishedOps(String sessionId) {
        return store.unfinishedOps(sessionId);
    }

    @Override
    public void close() {
        // the underlying store belongs to whoever opened it
    }

    /** Straight through: a message that cannot be stored is refused to its sender, not skipped. */
    @Override
    public io.agentorchestr.core.model.ModelCallLog modelCalls() {
        return store.modelCalls();
    }

    @Override
    public io.agentorchestr.core.model.MessageLog messages() {
        return store.messages();
    }

    @Override
    public void savePlanTask(io.agentorchestr.core.model.PlanTask task) {
        write("save plan task " + task.id(), () -> store.savePlanTask(task));
    }

    @Override
    public List<io.agentorchestr.core.model.PlanTask> planTasks(String sessionId) {
        return store.planTasks(sessionId);
    }
}
