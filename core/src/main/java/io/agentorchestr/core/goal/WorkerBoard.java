package io.agentorchestr.core.goal;

import io.agentorchestr.core.session.SessionEvent;
import io.agentorchestr.core.store.StateStore;
import io.agentorchestr.core.worker.WorkerId;
import io.agentorchestr.core.worker.WorkerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live state of a session's workers, written through to the store. Waiters are woken on every
 * change (no polling tick), and {@code wait_for_any} hands out each finished worker once.
 */
public final class WorkerBoard {
    private final String sessionId;
    private final StateStore store;
    private final Map<String, WorkerRecord> workers = new LinkedHashMap<>();
    private final Map<String, String> progress = new LinkedHashMap<>();
    private final Set<String> handedOut = new LinkedHashSet<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final Map<String, String> attention = new LinkedHashMap<>();

    WorkerBoard(String sessionId, StateStore store) {
        this.sessionId = sessionId;
        this.store = store;
    }

    synchronized void put(WorkerRecord w) {
        WorkerRecord before = workers.put(w.id(), w);
        store.saveWorker(w);
        if (before != null && before.state() != w.state()) {
            store.append(sessionId, new SessionEvent.WorkerStateChanged(w.id(), before.state().label(),
                    w.state().label(), w.signal()));
        }
        notifyAll();
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

    synchronized List<WorkerRecord> all() {
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

    synchronized void progress(String id, String message) {
        progress.put(id, message);
        notifyAll();
    }

    synchronized String lastProgress(String id) {
        return progress.get(id);
    }

    /** Something the lead should know about how the worker was started (e.g. an agent fallback). */
    synchronized void note(String id, String text) {
        notes.put(id, text);
    }

    synchronized String note(String id) {
        return notes.get(id);
    }

    /** The lead should look at a running worker; the next wait_for_any returns it once. */
    synchronized void attention(String id, String reason) {
        attention.put(id, reason);
        notifyAll();
    }

    /** A worker that needs the lead's attention, as returned by {@link #awaitAny}. */
    public record Attention(WorkerRecord worker, String reason) {
    }

    /** What woke a wait_for_any: finished workers and running workers that need attention. */
    public record Wakeup(List<WorkerRecord> finished, List<Attention> attention) {
    }

    /** Waits until the worker reaches a terminal state or the timeout passes; returns it either way. */
    synchronized WorkerRecord awaitTerminal(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        WorkerRecord w = get(id);
        while (!w.state().terminal()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
            w = get(id);
        }
        if (w.state().terminal()) {
            handedOut.add(id);
        }
        return w;
    }

    /**
     * Waits until one of {@code ids} (all workers if empty) has finished and has not been returned by an
     * earlier call, or needs attention; returns those (empty on timeout, or when nothing is left to wait
     * for).
     */
    synchronized Wakeup awaitAny(Collection<String> ids, Duration timeout) throws InterruptedException {
        ids.forEach(this::get);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<WorkerRecord> watched = ids.isEmpty() ? all() : ids.stream().map(workers::get).toList();
            List<WorkerRecord> fresh = watched.stream()
                    .filter(w -> w.state().terminal() && !handedOut.contains(w.id())).collect(Collectors.toList());
            List<Attention> flagged = watched.stream().filter(w -> !w.state().terminal() && attention.containsKey(w.id()))
                    .map(w -> new Attention(w, attention.get(w.id()))).toList();
            if (!fresh.isEmpty() || !flagged.isEmpty()) {
                fresh.forEach(w -> handedOut.add(w.id()));
                flagged.forEach(a -> attention.remove(a.worker().id()));
                return new Wakeup(fresh, flagged);
            }
            boolean anyRunning = watched.stream().anyMatch(w -> !w.state().terminal());
            long left = deadline - System.nanoTime();
            if (!anyRunning || left <= 0) {
                return new Wakeup(List.of(), List.of());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The highest worker number used so far, so new ids continue after it (never reused). */
    synchronized int highestNumber() {
        return workers.keySet().stream().mapToInt(id -> WorkerId.parse(id).number()).max().orElse(0);
    }
}
