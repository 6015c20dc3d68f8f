package io.agentorchestr.core.goal;

import io.agentorchestr.core.monitor.Completion;
import io.agentorchestr.core.monitor.CompletionDetector;
import io.agentorchestr.core.monitor.SignalListener;
import io.agentorchestr.core.monitor.WatchedWorker;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** One watching thread per running worker; stopped when the worker finishes by another signal. */
final class WorkerMonitors {
    private final CompletionDetector detector;
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();

    WorkerMonitors(CompletionDetector detector) {
        this.detector = detector;
    }

    void start(WatchedWorker w, SignalListener signals, Consumer<Completion> onCompletion) {
        Thread t = new Thread(() -> {
            try {
                onCompletion.accept(detector.await(w, Instant.MAX, signals));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();  // stopped: the worker finished by another signal
            } finally {
                threads.remove(w.workerId(), Thread.currentThread());
            }
        }, "monitor-" + w.workerId());
        t.setDaemon(true);
        threads.put(w.workerId(), t);
        t.start();
    }

    void stop(String workerId) {
        Thread t = threads.remove(workerId);
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    /** Stops the worker's watch and waits briefly for it, so it cannot report on an attempt being replaced. */
    void stopAndWait(String workerId) {
        Thread t = threads.get(workerId);
        stop(workerId);
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void stopAll() {
        threads.keySet().forEach(this::stop);
    }
}
