package io.agentorchestr.core.monitor;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.model.WorkerState;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Waits for one worker to finish (a manual task), on whichever signal comes first ({@link
 * WorkerSignals}): the done flag, pane log and exit file through a file watch, its pane's liveness
 * asked of tmux every {@link #LIVENESS_INTERVAL}. A session's many workers share a {@link FleetWatch}.
 */
public final class CompletionDetector {
    static final Duration LIVENESS_INTERVAL = Duration.ofMillis(250);

    private final Tmux tmux;

    public CompletionDetector(Tmux tmux) {
        this.tmux = tmux;
    }

    public Completion await(WatchedWorker w, Instant deadline, SignalListener listener) throws InterruptedException {
        WorkerSignals signals = new WorkerSignals(w);
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            if (Files.exists(w.worktree().resolve(".git"))) {
                try {
                    register(watch, signals.controlDir());
                } catch (IOException e) {
                    // Being deleted as we register (rm -rf under a running worker): the loop below looks
                    // at the files on every pass, so it reports the worktree gone, or a signal, without
                    // the watch, just not as soon.
                }
            }
            register(watch, w.log().toAbsolutePath().getParent());
            long nextLiveness = 0;
            while (true) {
                Optional<WorkerSignals.Ending> ending = signals.lookAtFiles();
                if (ending.isEmpty() && System.nanoTime() >= nextLiveness) {
                    ending = signals.lookAtPane(tmux.paneStatus(w.pane()));
                    nextLiveness = System.nanoTime() + LIVENESS_INTERVAL.toNanos();
                }
                if (ending.isPresent()) {
                    ending.get().observed().forEach(listener::observed);
                    return ending.get().outcome();
                }
                long remaining = millisUntil(deadline);
                if (remaining <= 0) {
                    Completion timeout = new Completion(WorkerState.TIMEOUT, "no completion signal before the "
                            + "timeout", Completion.TIMEOUT, null);
                    listener.observed(timeout);
                    return timeout;
                }
                long wait = Math.min(remaining, LIVENESS_INTERVAL.toMillis());
                if (signals.settlesAt() != 0) {
                    wait = Math.min(wait, Math.max(1, (signals.settlesAt() - System.nanoTime()) / 1_000_000));
                }
                WatchKey key = watch.poll(wait, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot watch worker " + w.workerId() + ": " + e.getMessage(), e);
        }
    }

    /** Saturates instead of overflowing: "no timeout" is passed as {@link Instant#MAX}. */
    private static long millisUntil(Instant deadline) {
        try {
            return Duration.between(Instant.now(), deadline).toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void register(WatchService watch, Path dir) throws IOException {
        Files.createDirectories(dir);
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    }
}
