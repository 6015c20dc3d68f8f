package io.agentorchestr.core.goal;

import io.agentorchestr.core.monitor.Completion;
import io.agentorchestr.core.monitor.CompletionDetector;
import io.agentorchestr.core.monitor.SignalListener;
import io.agentorchestr.core.monitor.WatchedWorker;
import io.agentorchestr.core.worker.WorkerState;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** One watching thread per running worker; stopped when the worker finishes by another signal. */
final class WorkerMonitors {
    private final CompletionDetector detector;
    private final BooleanSupplier sessionAlive;
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();

    /** @param sessionAlive whether the session's tmux session still exists */
    WorkerMonitors(CompletionDetector detector, BooleanSupplier sessionAlive) {
        this.detector = detector;
        this.sessionAlive = sessionAlive;
    }

    /**
     * Watches {@code w} until it finishes. If watching itself fails (its worktree or log deleted, the
     * disk gone), the worker is finished as failed with that reason instead of the thread dying and
     * the worker never ending; if recording the end fails, {@code trouble} hears of it.
     */
    void start(WatchedWorker w, SignalListener signals, Consumer<Completion> onCompletion,
               BiConsumer<String, RuntimeException> trouble) {
        Thread t = new Thread(() -> {
            try {
                Completion c;
                try {
                    c = detector.await(w, Instant.MAX, signals);
                } catch (RuntimeException e) {
                    c = new Completion(WorkerState.FAILED, "agentorchestr could not watch it any more: "
                            + e.getMessage(), Completion.MONITOR_ERROR, null);
                }
                // A watch that was stopped meanwhile does not report: the goal ended (and is stopping the
                // agent, whose exit is not its outcome) or another signal came first. Nor does one whose
                // pane went with the whole tmux session (tmux kill-server, a reboot): the session pauses,
                // and --resume relaunches the worker.
                boolean withTheSession = (Completion.MONITOR_ERROR.equals(c.signal())
                        || Completion.PANE_GONE.equals(c.signal())) && !sessionAlive.getAsBoolean();
                if (threads.get(w.workerId()) == Thread.currentThread() && !withTheSession) {
                    onCompletion.accept(c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();  // stopped: the worker finished by another signal
            } catch (RuntimeException e) {
                trouble.accept(w.workerId(), e);
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
