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
    private final String sessionId;
    private final StateStore store;
    private final Map<String, WorkerRecord> workers = new LinkedHashMap<>();
    private final Map<String, String> progress = new LinkedHashMap<>();
    private final Set<String> handedOut = new LinkedHashSet<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final Map<String, String> attention = new LinkedHashMap<>();
    /** Messages to the lead since a wait_for_any last said how many. */
    private int leadMail;
    private final PendingWaits waiters;
    private final List<java.util.function.Consumer<WorkerRecord>> watchers =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    WorkerBoard(String sessionId, StateStore store, WaitTimer timer) {
        this.sessionId = sessionId;
        this.store = store;
        this.waiters = new PendingWaits(this, timer);
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

    /** A message reached the lead's inbox: the next wait_for_any says so (once), so a waiting lead reads it. */
    void mailForLead() {
        changed(() -> ++leadMail);
    }

    /**
     * wait_for_all: completes when every one of {@code ids} (all workers still running now, if empty)
     * has finished, or when the timeout passes; with those workers as they stand either way.
     */
    public CompletableFuture<List<WorkerRecord>> awaitAll(Collection<String> ids, Duration timeout) {
        CompletableFuture<List<WorkerRecord>> result = new CompletableFuture<>();
        synchronized (this) {
            List<String> watched = ids.isEmpty() ? workers.values().stream().filter(w -> !w.state().terminal())
                    .map(WorkerRecord::id).toList() : ids.stream().map(id -> get(id).id()).toList();
            java.util.function.Supplier<List<WorkerRecord>> now = () -> watched.stream().map(workers::get).toList();
            if (now.get().stream().allMatch(w -> w.state().terminal())) {
                watched.forEach(handedOut::add);
                return CompletableFuture.completedFuture(now.get());
            }
            waiters.register(result, new PendingWaits.Waiter() {
                @Override
                public Runnable check() {
                    List<WorkerRecord> all = now.get();
                    if (!all.stream().allMatch(w -> w.state().terminal())) {
                        return null;
                    }
                    watched.forEach(handedOut::add);
                    return () -> result.complete(all);
                }

                @Override
                public Runnable expire() {
                    List<WorkerRecord> all = now.get();
                    return () -> result.complete(all);
                }
            }, timeout);
        }
        return result;
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
            woken = waiters.wake();
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
            waiters.register(result, new PendingWaits.Waiter() {
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
            waiters.register(result, new PendingWaits.Waiter() {
                @Override
                public Runnable check() {
                    Wakeup w = wakeupLocked(ids);
                    return w == null ? null : () -> result.complete(w);
                }

                @Override
                public Runnable expire() {
                    return () -> result.complete(Wakeup.NOTHING);
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
        if (!fresh.isEmpty() || !flagged.isEmpty() || leadMail > 0) {
            fresh.forEach(w -> handedOut.add(w.id()));
            flagged.forEach(a -> attention.remove(a.worker().id()));
            Wakeup wake = new Wakeup(fresh, flagged, leadMail);
            leadMail = 0;
            return wake;
        }
        boolean anyRunning = watched.stream().anyMatch(w -> !w.state().terminal());
        return anyRunning ? null : Wakeup.NOTHING;
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
