package io.agentorchestr.core.monitor;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.PaneStatus;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.ControlFiles;
import io.agentorchestr.core.worker.WorkerState;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a worker to finish, on whichever signal comes first (SPEC §6): the done flag (noticed
 * through a file watch, not a slow poll), a WORKER_* line in its pane log (also watched), or its
 * pane's process exiting (tmux has no push for that, so liveness is asked for every
 * {@link #LIVENESS_INTERVAL}). Every signal present when the first arrives is reported.
 */
public final class CompletionDetector {
    static final Duration LIVENESS_INTERVAL = Duration.ofMillis(250);

    private final Tmux tmux;

    public CompletionDetector(Tmux tmux) {
        this.tmux = tmux;
    }

    public Completion await(WatchedWorker w, Instant deadline, SignalListener listener) throws InterruptedException {
        PaneLogScanner log = new PaneLogScanner(w.log(), w.markers(), 0);
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            if (Files.exists(w.worktree().resolve(".git"))) {
                try {
                    register(watch, ControlFiles.controlDir(w.worktree()));
                } catch (IOException e) {
                    // Deleted between the check and now: the loop below reports the worktree gone.
                    if (Files.exists(w.worktree().resolve(".git"))) {
                        throw e;
                    }
                }
            }
            register(watch, w.log().toAbsolutePath().getParent());
            long nextLiveness = 0;
            while (true) {
                // Its .git file, not the directory: writing a control file may have made the directory again.
                if (!Files.exists(w.worktree().resolve(".git"))) {
                    Completion gone = new Completion(WorkerState.FAILED, "its worktree " + w.worktree() + " was deleted "
                            + "while it ran (outside agentorchestr); its branch keeps what it committed",
                            Completion.WORKTREE_GONE, null);
                    listener.observed(gone);
                    return gone;
                }
                List<Completion> signals = fileSignals(w, log);
                if (!signals.isEmpty()) {
                    signals.forEach(listener::observed);
                    return signals.get(0);
                }
                if (System.nanoTime() >= nextLiveness) {
                    Optional<Completion> exit = exitSignal(w, log, listener);
                    if (exit.isPresent()) {
                        return exit.get();
                    }
                    nextLiveness = System.nanoTime() + LIVENESS_INTERVAL.toNanos();
                }
                long remaining = millisUntil(deadline);
                if (remaining <= 0) {
                    Completion timeout = new Completion(WorkerState.TIMEOUT, "no completion signal before the "
                            + "timeout", Completion.TIMEOUT, null);
                    listener.observed(timeout);
                    return timeout;
                }
                WatchKey key = watch.poll(Math.min(remaining, LIVENESS_INTERVAL.toMillis()), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot watch worker " + w.workerId() + ": " + e.getMessage(), e);
        }
    }

    private static List<Completion> fileSignals(WatchedWorker w, PaneLogScanner log) throws IOException {
        List<Completion> found = new ArrayList<>();
        DoneFlag.read(w.worktree()).ifPresent(f -> found.add(new Completion(f.state(), f.summary(),
                Completion.DONE_FLAG, null)));
        log.scan().ifPresent(m -> found.add(new Completion(m.state(), m.summary(), Completion.OUTPUT_LINE, null)));
        return found;
    }

    /** The pane's process is gone: a last look at flag and log (they may have raced the exit), else the exit itself. */
    private Optional<Completion> exitSignal(WatchedWorker w, PaneLogScanner log, SignalListener listener)
            throws IOException {
        Optional<PaneStatus> status = tmux.paneStatus(w.pane());
        if (status.isPresent() && !status.get().dead()) {
            return Optional.empty();
        }
        List<Completion> signals = new ArrayList<>();
        DoneFlag.read(w.worktree()).ifPresent(f -> signals.add(new Completion(f.state(), f.summary(),
                Completion.DONE_FLAG, null)));
        log.flush().ifPresent(m -> signals.add(new Completion(m.state(), m.summary(), Completion.OUTPUT_LINE, null)));
        Integer exit = GatedCommand.recordedExitStatus(w.exitFile())
                .orElse(status.map(PaneStatus::deadStatus).orElse(null));
        Completion ending = status.isEmpty()
                ? new Completion(WorkerState.KILLED, "the worker's pane disappeared (killed outside agentorchestr)",
                Completion.PANE_GONE, null)
                : exitCompletion(exit);
        signals.add(ending);
        signals.forEach(listener::observed);
        Completion first = signals.get(0);
        return Optional.of(new Completion(first.state(), first.summary(), first.signal(), exit));
    }

    /** Saturates instead of overflowing: "no timeout" is passed as {@link Instant#MAX}. */
    private static long millisUntil(Instant deadline) {
        try {
            return Duration.between(Instant.now(), deadline).toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    static Completion exitCompletion(Integer exit) {
        if (exit != null && exit == 0) {
            return new Completion(WorkerState.DONE, "the agent exited (status 0) without reporting an outcome",
                    Completion.PANE_EXIT, 0);
        }
        String status = exit == null ? "unknown status" : "status " + exit;
        return new Completion(WorkerState.FAILED, "the agent exited with " + status
                + " without reporting an outcome (crashed?)", Completion.PANE_EXIT, exit);
    }

    private static void register(WatchService watch, Path dir) throws IOException {
        Files.createDirectories(dir);
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    }
}
