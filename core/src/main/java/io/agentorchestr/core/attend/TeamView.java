package io.agentorchestr.core.attend;

import io.agentorchestr.core.tmux.PanePlacer;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.model.WorkerRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The team at a glance, in the session's own tmux options: each worker's pane border says who works
 * there, its state and for how long, coloured by state ({@link PaneLook}), and the session option
 * {@link #TEAM} holds the counts per state and the goal's age for the status line. Refreshed at once
 * when a worker changes ({@link #changed}, from the engine) and every second for the times; only what
 * changed is written. A tmux error costs a refresh, never the goal.
 */
public final class TeamView implements AutoCloseable {
    /** The session option holding the team's counts, for the status line ({@code #{@agentorchestr_team}}). */
    public static final String TEAM = "@agentorchestr_team";
    private static final long TICK_MS = 1000;

    private final Tmux tmux;
    private final String session;
    private final Supplier<List<WorkerRecord>> workers;
    private final Instant goalStarted;
    private final Clock clock;
    private final Map<String, Since> since = new HashMap<>();
    private final Map<String, PaneLook> shown = new HashMap<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private ScheduledExecutorService executor;
    private String shownCounts;

    /** A worker's state and when the view first saw it in that state. */
    private record Since(String state, Instant at) {
    }

    public TeamView(Tmux tmux, String session, Supplier<List<WorkerRecord>> workers, Instant goalStarted, Clock clock) {
        this.tmux = tmux;
        this.session = session;
        this.workers = workers;
        this.goalStarted = goalStarted;
        this.clock = clock;
    }

    /** Starts refreshing on its own thread, once a second and on every {@link #changed}. */
    public TeamView start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "team-view-" + session);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::refreshQuietly, 0, TICK_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** A worker changed: show it now (changes that come together are shown by one refresh). */
    public void changed() {
        ScheduledExecutorService e = executor;
        if (e != null && pending.compareAndSet(false, true)) {
            try {
                e.execute(this::refreshQuietly);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                pending.set(false);
            }
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // tmux busy or the session going away: the next tick tries again
        }
    }

    /** Writes the borders and the counts that differ from what is shown. */
    synchronized void refresh() {
        pending.set(false);
        Instant now = clock.instant();
        List<WorkerRecord> team = workers.get();
        for (WorkerRecord w : team) {
            String state = PaneLook.stateOf(w);
            Since s = since.get(w.id());
            if (s == null || !s.state().equals(state)) {
                // First seen (a resumed session): the record's last change is the best guess.
                s = new Since(state, s == null && w.updatedAt() != null ? w.updatedAt() : now);
                since.put(w.id(), s);
            }
            show(w.paneId(), PaneLook.of(w, Duration.between(s.at(), now)));
        }
        String counts = TeamCounts.of(team, Duration.between(goalStarted, now));
        if (!counts.equals(shownCounts)) {
            tmux.setSessionOption(session, TEAM, counts);
            shownCounts = counts;
        }
    }

    private void show(String paneId, PaneLook look) {
        PaneLook before = shown.get(paneId);
        if (paneId == null || look.equals(before)) {
            return;
        }
        try {
            // Only what differs: most refreshes change the time in the label, not the colour.
            if (before == null || !before.style().equals(look.style())) {
                tmux.setPaneOption(paneId, PanePlacer.STYLE, look.style());
            }
            tmux.setPaneOption(paneId, PanePlacer.LABEL, look.text());
            shown.put(paneId, look);
        } catch (RuntimeException e) {
            // the pane is gone (a worker's pane killed): nothing to show it on
        }
    }

    /** Shows the final states, then stops. */
    @Override
    public void close() {
        ScheduledExecutorService e = executor;
        executor = null;
        if (e != null) {
            e.shutdownNow();
            try {
                e.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        refreshQuietly();
    }
}
