package io.agentorchestr.core.goal;

import io.agentorchestr.core.session.SessionEvent;
import io.agentorchestr.core.store.StateStore;
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
final class WorkerBoard {
    private final String sessionId;
    private final StateStore store;
    private final Map<String, WorkerRecord> workers = new LinkedHashMap<>();
    private final Map<String, String> progress = new LinkedHashMap<>();
    private final Set<String> handedOut = new LinkedHashSet<>();

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
     * earlier call; returns those, or an empty list on timeout or when nothing is left to wait for.
     */
    synchronized List<WorkerRecord> awaitAny(Collection<String> ids, Duration timeout) throws InterruptedException {
        ids.forEach(this::get);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<WorkerRecord> watched = ids.isEmpty() ? all() : ids.stream().map(workers::get).toList();
            List<WorkerRecord> fresh = watched.stream()
                    .filter(w -> w.state().terminal() && !handedOut.contains(w.id())).collect(Collectors.toList());
            if (!fresh.isEmpty()) {
                fresh.forEach(w -> handedOut.add(w.id()));
                return fresh;
            }
            boolean anyRunning = watched.stream().anyMatch(w -> !w.state().terminal());
            long left = deadline - System.nanoTime();
            if (!anyRunning || left <= 0) {
                return List.of();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
