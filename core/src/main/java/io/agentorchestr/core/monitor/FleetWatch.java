package io.agentorchestr.core.monitor;

import io.agentorchestr.core.tmux.PaneStatus;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.model.WorkerState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Watches every running worker of a session until it finishes, on a fixed number of threads however
 * many workers there are: one file watch for all done flags, pane logs and exit files (a worker's
 * files are looked at when they change), and one {@code list-panes} for all panes every {@link #SWEEP}
 * or as soon as tmux says panes changed. Endings are reported on one thread of their own, in order, so
 * recording one (a commit, a restart) does not hold up noticing the others.
 */
public final class FleetWatch implements AutoCloseable {
    /** How often every pane's liveness is asked of tmux (also the backstop for file events missed). */
    static final Duration SWEEP = Duration.ofSeconds(1);
    private static final Object WAKE = new Object();

    /** One watch of one worker attempt; a later watch of the same worker replaces it. */
    private static final class Entry {
        final WorkerSignals signals;
        final SignalListener listener;
        final Consumer<Completion> onEnd;
        boolean ended;

        Entry(WorkerSignals signals, SignalListener listener, Consumer<Completion> onEnd) {
            this.signals = signals;
            this.listener = listener;
            this.onEnd = onEnd;
        }

        String id() {
            return signals.worker().workerId();
        }
    }

    private final Tmux tmux;
    private final String tmuxSession;
    private final BooleanSupplier sessionAlive;
    private final BiConsumer<String, RuntimeException> trouble;
    private final DirectoryWatch files;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final ExecutorService endings;
    private final Thread loop;
    private final Runnable stopListening;
    private volatile boolean running = true;
    private volatile Thread endingThread;

    /**
     * @param sessionAlive whether the tmux session still exists: a pane that went with it (tmux
     *                     kill-server, a reboot) is not its worker's ending, the session pauses
     * @param trouble      told when reporting an ending failed
     */
    public FleetWatch(Tmux tmux, String tmuxSession, BooleanSupplier sessionAlive,
                      BiConsumer<String, RuntimeException> trouble) {
        this.tmux = tmux;
        this.tmuxSession = tmuxSession;
        this.sessionAlive = sessionAlive;
        this.trouble = trouble;
        this.files = new DirectoryWatch(inbox::offer);
        this.endings = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "worker-endings");
            t.setDaemon(true);
            endingThread = t;
            return t;
        });
        this.loop = new Thread(this::run, "fleet-watch");
        loop.setDaemon(true);
        this.stopListening = tmux.onPanesChanged(() -> inbox.offer(WAKE));
        loop.start();
    }

    /**
     * Watches {@code w} until it finishes, then tells {@code onEnd} (every signal seen goes to {@code
     * listener} first). If watching itself fails (its log directory gone, the disk gone) the worker
     * finishes as failed with that reason.
     */
    public void watch(WatchedWorker w, SignalListener listener, Consumer<Completion> onEnd) {
        entries.put(w.workerId(), new Entry(new WorkerSignals(w), listener, onEnd));
        inbox.offer(WAKE);
    }

    /** Stops watching the worker: nothing more is reported for the attempt watched now. */
    public void stop(String workerId) {
        entries.remove(workerId);
    }

    /** {@link #stop}, and waits (briefly) for an ending of it being reported now, so none races a new attempt. */
    public void stopAndWait(String workerId) {
        stop(workerId);
        if (Thread.currentThread() == endingThread || endings.isShutdown()) {
            return;
        }
        try {
            endings.submit(() -> { }).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // the report under way goes on; the stopped watch was removed before it can report again
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed since the check above: nothing more is reported at all
        }
    }

    private void run() {
        long nextSweep = 0;
        while (running) {
            try {
                Set<Entry> changed = new LinkedHashSet<>();
                boolean sweep = false;
                Object first = inbox.poll(waitMillis(nextSweep), TimeUnit.MILLISECONDS);
                List<Object> arrived = new ArrayList<>();
                if (first != null) {
                    arrived.add(first);
                    inbox.drainTo(arrived);
                }
                FileIndex<Entry> index = index();
                for (Object o : arrived) {
                    if (o == WAKE) {
                        sweep = true;  // new watches, or tmux said panes changed
                    } else {
                        changed.addAll(index.changedBy((WatchKey) o));
                    }
                }
                for (Entry e : pending()) {
                    if (e.signals.settlesAt() != 0 && System.nanoTime() >= e.signals.settlesAt()) {
                        changed.add(e);
                    }
                }
                if (sweep || System.nanoTime() >= nextSweep) {
                    sweep();
                    nextSweep = System.nanoTime() + SWEEP.toNanos();
                } else {
                    changed.forEach(this::lookAtFiles);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // One bad look must not end the watch of every worker: the next sweep looks again.
            }
        }
    }

    private long waitMillis(long nextSweep) {
        long until = nextSweep;
        for (Entry e : pending()) {
            if (e.signals.settlesAt() != 0) {
                until = Math.min(until, e.signals.settlesAt());
            }
        }
        return Math.max(1, (until - System.nanoTime()) / 1_000_000);
    }

    private List<Entry> pending() {
        return entries.values().stream().filter(e -> !e.ended).toList();
    }

    /** Watches the directories of new watches, and indexes every watched file. */
    private FileIndex<Entry> index() {
        Map<Path, Entry> byFile = new HashMap<>();
        Map<Path, Entry> byDir = new HashMap<>();
        for (Entry e : pending()) {
            WatchedWorker w = e.signals.worker();
            Path control = e.signals.controlDir().toAbsolutePath();
            try {
                files.watch(w.log().toAbsolutePath().getParent());
                // Not when its worktree is gone (the first look reports that); again when its control
                // directory was deleted and made anew.
                if (!files.watching(control) && Files.exists(w.worktree().resolve(".git"))) {
                    files.watch(control);
                }
            } catch (IOException | RuntimeException ex) {
                end(e, new WorkerSignals.Ending(List.of(), new Completion(WorkerState.FAILED, "agentorchestr could "
                        + "not watch it any more: " + ex.getMessage(), Completion.MONITOR_ERROR, null)));
                continue;
            }
            byFile.put(w.log().toAbsolutePath(), e);
            byFile.put(w.exitFile().toAbsolutePath(), e);
            byDir.put(control, e);
        }
        return new FileIndex<>(byFile, byDir);
    }

    /** Every worker's files, and every pane's liveness in one tmux command. */
    private void sweep() {
        // Taken before the panes are listed: a worker watched after the listing has a pane it does not show.
        List<Entry> watched = pending();
        watched.forEach(this::lookAtFiles);
        Optional<Map<String, PaneStatus>> panes = panes();
        if (panes.isEmpty()) {
            return;
        }
        for (Entry e : watched) {
            PaneStatus status = panes.get().get(e.signals.worker().pane().id());
            if (status != null && status.dead() && status.deadStatus() == null) {
                // tmux marks a pane dead a moment before it knows the status: asked once more, with a wait.
                status = tmux.paneStatus(e.signals.worker().pane()).orElse(null);
            }
            Optional<PaneStatus> pane = Optional.ofNullable(status);
            look(e, () -> e.signals.lookAtPane(pane));
        }
    }

    /** Every pane of the session, or empty when tmux could not say (the session or server gone, a hiccup). */
    private Optional<Map<String, PaneStatus>> panes() {
        try {
            Map<String, PaneStatus> byId = new HashMap<>();
            tmux.listPanes(tmuxSession).forEach(p -> byId.put(p.pane().id(), p));
            return Optional.of(byId);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void lookAtFiles(Entry e) {
        look(e, e.signals::lookAtFiles);
    }

    private interface Look {
        Optional<WorkerSignals.Ending> get() throws IOException;
    }

    private void look(Entry e, Look look) {
        if (e.ended || entries.get(e.id()) != e) {
            return;
        }
        try {
            look.get().ifPresent(ending -> end(e, ending));
        } catch (IOException | RuntimeException ex) {
            end(e, new WorkerSignals.Ending(List.of(), new Completion(WorkerState.FAILED, "agentorchestr could not "
                    + "watch it any more: " + ex.getMessage(), Completion.MONITOR_ERROR, null)));
        }
    }

    /**
     * Reported on the endings thread, unless the watch was stopped meanwhile (the goal ended, or another
     * signal came first) or its pane went with the whole tmux session: then the session pauses and
     * --resume relaunches the worker.
     */
    private void end(Entry e, WorkerSignals.Ending ending) {
        e.ended = true;
        try {
            endings.execute(() -> report(e, ending));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            entries.remove(e.id(), e);  // the watch was closed meanwhile: none is reported after close
        }
    }

    private void report(Entry e, WorkerSignals.Ending ending) {
        try {
            ending.observed().forEach(e.listener::observed);
            Completion c = ending.outcome();
            boolean withTheSession = (Completion.MONITOR_ERROR.equals(c.signal())
                    || Completion.PANE_GONE.equals(c.signal())) && !sessionAlive.getAsBoolean();
            if (entries.get(e.id()) == e && !withTheSession) {
                e.onEnd.accept(c);
            }
        } catch (RuntimeException ex) {
            trouble.accept(e.id(), ex);
        } finally {
            entries.remove(e.id(), e);
        }
    }

    /** Stops watching every worker; endings being reported finish, none is reported after. */
    @Override
    public void close() {
        running = false;
        entries.clear();
        stopListening.run();
        loop.interrupt();
        files.close();
        endings.shutdown();
    }
}
