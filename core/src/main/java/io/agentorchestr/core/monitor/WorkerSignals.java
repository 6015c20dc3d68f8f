package io.agentorchestr.core.monitor;

import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.PaneStatus;
import io.agentorchestr.core.worker.ControlFiles;
import io.agentorchestr.core.model.WorkerState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The completion signals of one watched worker, looked at when something changed (SPEC §6): the done
 * flag, a WORKER_* line in its pane log, the agent's exit (the launch wrapper's exit file, or tmux
 * saying the pane is dead or gone) and its worktree being deleted. Every signal present when the
 * first decides is reported. Not thread-safe: one watcher looks at it.
 */
final class WorkerSignals {
    /**
     * The wrapper writes the exit file as the agent exits, while tmux may still be copying the agent's
     * last output into the pane log. The wrapper's exit mark in the log says all of it is there; without
     * one (a wrapper of an older version, a pane that died with it) the log is given this long.
     */
    static final Duration EXIT_SETTLE = Duration.ofMillis(250);
    private static final int MARK_WINDOW = 256;

    /** How it ended: every signal seen (in order) and the outcome, which carries the exit status if known. */
    record Ending(List<Completion> observed, Completion outcome) {
    }

    private final WatchedWorker worker;
    private final PaneLogScanner log;
    private long exitSeenAt;
    /** tmux's exit status of the dead pane, once seen: the fallback when the wrapper recorded none. */
    private Integer deadStatus;
    private boolean seenDead;

    WorkerSignals(WatchedWorker worker) {
        this.worker = worker;
        this.log = new PaneLogScanner(worker.log(), worker.markers(), 0);
    }

    WatchedWorker worker() {
        return worker;
    }

    /** Where a done flag appears (watched for file events). */
    Path controlDir() {
        return ControlFiles.controlDir(worker.worktree());
    }

    /**
     * The files' verdict: its worktree deleted, a done flag or WORKER_* line, or the agent's recorded
     * exit once {@link #EXIT_SETTLE} has passed since it was first seen ({@link #settlesAt}).
     */
    Optional<Ending> lookAtFiles() throws IOException {
        // Its .git file, not the directory: writing a control file may have made the directory again.
        if (!Files.exists(worker.worktree().resolve(".git"))) {
            Completion gone = new Completion(WorkerState.FAILED, "its worktree " + worker.worktree() + " was deleted "
                    + "while it ran (outside agentorchestr); its branch keeps what it committed",
                    Completion.WORKTREE_GONE, null);
            return Optional.of(new Ending(List.of(gone), gone));
        }
        List<Completion> found = new ArrayList<>();
        doneFlag().ifPresent(found::add);
        log.scan().ifPresent(m -> found.add(line(m)));
        if (!found.isEmpty()) {
            return Optional.of(new Ending(found, found.get(0)));
        }
        // Not when the file merely exists: the wrapper creates it, then writes the status into it.
        if (exitSeenAt == 0 && GatedCommand.recordedExitStatus(worker.exitFile()).isPresent()) {
            exitSeenAt = System.nanoTime();
        }
        if (exitSeenAt != 0 && (exitMarkLogged() || System.nanoTime() - exitSeenAt >= EXIT_SETTLE.toNanos())) {
            return Optional.of(atExit(false, null));
        }
        return Optional.empty();
    }

    /** Whether the wrapper's exit mark is at the end of the pane log (nothing follows it but tmux's own). */
    private boolean exitMarkLogged() throws IOException {
        try (FileChannel ch = FileChannel.open(worker.log(), StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, MARK_WINDOW));
            ch.read(tail, size - tail.capacity());
            return new String(tail.array(), 0, tail.position(), StandardCharsets.ISO_8859_1)
                    .contains(GatedCommand.EXIT_MARK);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** When a recorded exit should be looked at again ({@link System#nanoTime()}), or 0 when none is pending. */
    long settlesAt() {
        return exitSeenAt == 0 ? 0 : exitSeenAt + EXIT_SETTLE.toNanos();
    }

    /** tmux's verdict on its pane: empty while it runs, its ending when it is dead or gone. */
    Optional<Ending> lookAtPane(Optional<PaneStatus> status) throws IOException {
        if (status.isPresent() && !status.get().dead()) {
            return Optional.empty();
        }
        if (status.isPresent()) {
            // Dead with its screen kept: what it printed last may still be on its way through pipe-pane,
            // so the exit waits for the wrapper's mark in the log (or EXIT_SETTLE), as a recorded exit does.
            deadStatus = status.get().deadStatus();
            seenDead = true;
            if (exitSeenAt == 0) {
                exitSeenAt = System.nanoTime();
            }
            if (!exitMarkLogged() && System.nanoTime() - exitSeenAt < EXIT_SETTLE.toNanos()) {
                return Optional.empty();
            }
        }
        return Optional.of(atExit(status.isEmpty(), status.map(PaneStatus::deadStatus).orElse(null)));
    }

    /** The agent is gone: a last look at flag and log (they may have raced the exit), else the exit itself. */
    private Ending atExit(boolean paneGone, Integer tmuxStatus) throws IOException {
        List<Completion> signals = new ArrayList<>();
        doneFlag().ifPresent(signals::add);
        log.flush().ifPresent(m -> signals.add(line(m)));
        Optional<Integer> recorded = GatedCommand.recordedExitStatus(worker.exitFile());
        Integer exit = recorded.orElse(tmuxStatus != null ? tmuxStatus : deadStatus);
        // A pane once seen dead was an exit, even if it is gone by now (or tmux did not answer this time).
        signals.add(paneGone && recorded.isEmpty() && !seenDead
                ? new Completion(WorkerState.KILLED, "the worker's pane disappeared (killed outside agentorchestr)",
                Completion.PANE_GONE, null)
                : exitCompletion(exit));
        Completion first = signals.get(0);
        return new Ending(signals, new Completion(first.state(), first.summary(), first.signal(), exit));
    }

    private Optional<Completion> doneFlag() throws IOException {
        return DoneFlag.read(worker.worktree()).map(f -> new Completion(f.state(), f.summary(), Completion.DONE_FLAG,
                null));
    }

    private static Completion line(OutputMarkers.Marker m) {
        return new Completion(m.state(), m.summary(), Completion.OUTPUT_LINE, null);
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
}
