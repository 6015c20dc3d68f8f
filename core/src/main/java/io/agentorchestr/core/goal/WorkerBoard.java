package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.worker.WorkerId;
import io.agentorchestr.core.model.WorkerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The live state of a session's workers, written through to the store. Waits are futures, not
 * threads: each pending wait is a condition checked on every change and completed from there (or
 * by its timeout), so a thousand waiting clients cost no thread, and a wait whose client goes away
 * is cancelled and forgotten. {@code wait_for_any} hands out each finished worker once.
 */
public final class WorkerBoard {
    /** Pending waits at once; past this a wait is refused with a clear error instead of queueing. */
    static final int MAX_PENDING_WAITS = 1000;

    private final String sessionId;
    private final StateStore store;
    private final WaitTimer timer;
    private final Map<String, WorkerRecord> workers = new LinkedHashMap<>();
    private final Map<String, String> progress = new LinkedHashMap<>();
    private final Set<String> handedOut = new LinkedHashSet<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final Map<String, String> attention = new LinkedHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final List<java.util.function.Consumer<WorkerRecord>> watchers =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    WorkerBoard(String sessionId, StateStore store, WaitTimer timer) {
        this.sessionId = sessionId;
        this.store = store;
        this.timer = timer;
    }

    /** A pending wait: under the board's lock, says whether its condition now holds. */
    private interface Waiter {
        /** The completion to run (outside the lock) when satisfied, else null. */
        Runnable check();

        /** The completion to run when its time is up or the session ends. */
        Runnable expire();
    }

    void put(WorkerRecord w) {
        WorkerRecord before = changed(() -> workers.put(w.id(), w));
        // Waiters first, then the store: a slow or failing store must not hold up the lead's waits.
        store.saveWorker(w);
        if (before != null && before.state() != w.state()) {
            store.append(sessionId, new SessionEvent.WorkerStateChanged(w.id(), before.state().label(),
                    w.state().label(), w.signal()));
        }
        for (var watcher : watchers) {
            try {
                watcher.accept(w);
            } catch (RuntimeException e) {
                // a watcher (a view, a notice) must not cost the engine its change
            }
        }
    }

    /** Calls {@code watcher} with every worker put on the board from now on, after the waits and the store. */
    void watch(java.util.function.Consumer<WorkerRecord> watcher) {
        watchers.add(watcher);
    }

    /** A worker loaded from the store on resume: no event, it did not change. */
    synchronized void restore(WorkerRecord w) {
        workers.put(w.id(), w);
    }

    synchronized Optional<WorkerRecord> find(String id) {
        return Optional.ofNullable(workers.get(id));
    }

    /** The worker, or a tool error listing the valid ids. */
    synchronized WorkerRecord get(String id) {
        WorkerRecord w = workers.get(id);
        if (w == null) {
            throw new ToolError("unknown worker id '" + id + "'; valid ids: "
                    + (workers.isEmpty() ? "none yet (spawn_worker first)" : String.join(", ", workers.keySet())));
        }
        return w;
    }

    public synchronized List<WorkerRecord> all() {
        return new ArrayList<>(workers.values());
    }

    synchronized int size() {
        return workers.size();
    }

    synchronized long active() {
        return workers.values().stream().filter(w -> !w.state().terminal()).count();
    }

    synchronized Optional<WorkerRecord> byRequestId(String requestId) {
        return workers.values().stream().filter(w -> requestId.equals(w.requestId())).findFirst();
    }

    /** No wait depends on progress reports: recording one wakes nobody. */
    synchronized void progress(String id, String message) {
        progress.put(id, message);
    }

    public synchronized String lastProgress(String id) {
        return progress.get(id);
    }

    /** Something the lead should know about how the worker was started (e.g. an agent fallback). */
    synchronized void note(String id, String text) {
        notes.put(id, text);
    }

    public synchronized String note(String id) {
        return notes.get(id);
    }

    /** The lead should look at a running worker; the next wait_for_any returns it once. */
    void attention(String id, String reason) {
        changed(() -> attention.put(id, reason));
    }

    /** Applies {@code mutation} under the lock, then completes the waits it satisfied, outside it. */
    private <T> T changed(java.util.function.Supplier<T> mutation) {
        T result;
        List<Runnable> woken;
        synchronized (this) {
            result = mutation.get();
            woken = wakeLocked();
        }
        woken.forEach(Runnable::run);
        return result;
    }

    /** How many waits are pending now (for tests and the benchmark). */
    synchronized int pendingWaits() {
        return waiters.size();
    }

    /**
     * Completes when the worker reaches a terminal state or the timeout passes, with the worker either
     * way. Cancelling the future (the client went away) forgets the wait.
     */
    public CompletableFuture<WorkerRecord> awaitTerminal(String id, Duration timeout) {
        CompletableFuture<WorkerRecord> result = new CompletableFuture<>();
        synchronized (this) {
            WorkerRecord now = get(id);
            if (now.state().terminal()) {
                handedOut.add(id);
                return CompletableFuture.completedFuture(now);
            }
            register(result, new Waiter() {
                @Override
                public Runnable check() {
                    WorkerRecord w = workers.get(id);
                    if (!w.state().terminal()) {
                        return null;
                    }
                    handedOut.add(id);
                    return () -> result.complete(w);
                }

                @Override
                public Runnable expire() {
                    WorkerRecord w = workers.get(id);
                    return () -> result.complete(w);
                }
            }, timeout);
        }
        return result;
    }

    /**
     * The lead was replaced (relaunched): the waits the old one left pending are forgotten, so nothing
     * finishing now is handed to a caller that is gone, and every finished worker is news again, so
     * the new lead's wait_for_any returns them instead of finding nothing left to wait for.
     */
    synchronized void leadReplaced() {
        waiters.clear();
        handedOut.clear();
    }

    /**
     * Completes when one of {@code ids} (all workers if empty) has finished and was not returned by an
     * earlier call, or needs attention; with those (empty on timeout, or at once when nothing is left
     * to wait for).
     */
    public CompletableFuture<Wakeup> awaitAny(Collection<String> ids, Duration timeout) {
        CompletableFuture<Wakeup> result = new CompletableFuture<>();
        synchronized (this) {
            ids.forEach(this::get);
            Wakeup now = wakeupLocked(ids);
            if (now != null) {
                return CompletableFuture.completedFuture(now);
            }
            register(result, new Waiter() {
                @Override
                public Runnable check() {
                    Wakeup w = wakeupLocked(ids);
                    return w == null ? null : () -> result.complete(w);
                }

                @Override
                public Runnable expire() {
                    return () -> result.complete(new Wakeup(List.of(), List.of()));
                }
            }, timeout);
        }
        return result;
    }

    /** What wait_for_any returns now, or null if it should keep waiting. Hands the result out. */
    private Wakeup wakeupLocked(Collection<String> ids) {
        List<WorkerRecord> watched = ids.isEmpty() ? new ArrayList<>(workers.values())
                : ids.stream().map(workers::get).toList();
        List<WorkerRecord> fresh = watched.stream()
                .filter(w -> w.state().terminal() && !handedOut.contains(w.id())).collect(Collectors.toList());
        List<Wakeup.Attention> flagged = watched.stream().filter(w -> !w.state().terminal() && attention.containsKey(w.id()))
                .map(w -> new Wakeup.Attention(w, attention.get(w.id()))).toList();
        if (!fresh.isEmpty() || !flagged.isEmpty()) {
            fresh.forEach(w -> handedOut.add(w.id()));
            flagged.forEach(a -> attention.remove(a.worker().id()));
            return new Wakeup(fresh, flagged);
        }
        boolean anyRunning = watched.stream().anyMatch(w -> !w.state().terminal());
        return anyRunning ? null : new Wakeup(List.of(), List.of());
    }

    private <T> void register(CompletableFuture<T> result, Waiter waiter, Duration timeout) {
        if (waiters.size() >= MAX_PENDING_WAITS) {
            throw new ToolError(waiters.size() + " waits are already pending in this session, the most it keeps "
                    + "at once; cancel some (or let them time out) and wait again, or use list_workers");
        }
        waiters.add(waiter);
        Runnable cancelTimer = timer.after(timeout, () -> {
            Runnable expired;
            synchronized (this) {
                if (!waiters.remove(waiter)) {
                    return;
                }
                expired = waiter.expire();
            }
            expired.run();
        });
        result.whenComplete((r, e) -> {
            cancelTimer.run();
            synchronized (this) {
                waiters.remove(waiter);
            }
        });
    }

    /** Checks every pending wait; returns the completions to run once the lock is released. */
    private List<Runnable> wakeLocked() {
        List<Runnable> woken = new ArrayList<>();
        waiters.removeIf(w -> {
            Runnable done = w.check();
            if (done != null) {
                woken.add(done);
            }
            return done != null;
        });
        return woken;
    }

    /**
     * The session is ending or pausing: pending waits are forgotten, not answered ("nothing finished"
     * would be a false answer to a lead that will see its workers again after a resume; the MCP server
     * has already told their callers to call again).
     */
    void close() {
        synchronized (this) {
            waiters.clear();
        }
    }

    /** The highest worker number used so far, so new ids continue after it (never reused). */
    synchronized int highestNumber() {
        return workers.keySet().stream().mapToInt(id -> WorkerId.parse(id).number()).max().orElse(0);
    }
}
