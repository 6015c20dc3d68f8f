package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.model.WorkerRecord;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A worker's agent is stopped once its outcome is recorded: asked to quit, then signalled, its pane
 * keeping its last screen. Otherwise every finished worker's agent lived until its work was merged or
 * the goal ended: 101 live agents for a 100-line goal at --max-workers 5. It is stopped a moment after,
 * not at once, so the agent still gets the answer to the report_done call that finished it; until it
 * is gone it still counts against the worker limit ({@link #awaitAtMost}).
 */
final class FinishedAgents implements Consumer<WorkerRecord> {
    static final Duration SETTLE = Duration.ofSeconds(1);
    /** Shared and daemon: a stop still pending when the goal ends finds nothing left, harmlessly. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
            "finished-agents"));
    /** Stops run side by side: each may wait seconds for its agent, and finishes come in bursts. */
    private static final ExecutorService STOPS = Executors.newFixedThreadPool(8, r -> daemon(r, "finished-agent-stop"));

    private final SessionRecord session;
    private final StateStore store;
    private final AgentStopper stopper;
    private final Function<String, Optional<String>> exitCommandOf;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private int lingering;

    /** @param exitCommandOf an agent's key to what is typed to make it quit */
    FinishedAgents(SessionRecord session, StateStore store, AgentStopper stopper,
                   Function<String, Optional<String>> exitCommandOf) {
        this.session = session;
        this.store = store;
        this.stopper = stopper;
        this.exitCommandOf = exitCommandOf;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void accept(WorkerRecord w) {
        if (w.state().terminal() && w.paneId() != null && seen.add(w.id())) {
            synchronized (this) {
                lingering++;
            }
            TIMER.schedule(() -> STOPS.execute(() -> stop(w)), SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Finished workers whose agents are not stopped yet. */
    synchronized int lingering() {
        return lingering;
    }

    /** Waits (at most {@code max}) until no more than {@code allowed} finished agents are still live. */
    synchronized void awaitAtMost(int allowed, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (lingering > Math.max(0, allowed)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private void stop(WorkerRecord w) {
        try {
            AgentStopper.Stopped s = stopper.stopWorker(session.id(), session.tmuxSession(), new PaneRef(w.paneId()),
                    exitCommandOf.apply(w.agent()).orElse(null), w.id());
            if (s.total() > 0) {
                store.append(session.id(), new SessionEvent.HealthAction(w.id(), "agent_stopped", "its agent was "
                        + "stopped once it had finished (" + s.describe() + "); its pane keeps its last screen"));
            }
        } catch (RuntimeException e) {
            // The end of the goal stops whatever is left of the session.
        } finally {
            synchronized (this) {
                lingering--;
                notifyAll();
            }
        }
    }
}
