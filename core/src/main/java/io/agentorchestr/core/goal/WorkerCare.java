package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.agent.McpAccess;
import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.health.HealthActions;
import io.agentorchestr.core.health.HealthMonitor;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.monitor.Completion;
import io.agentorchestr.core.monitor.FleetWatch;
import io.agentorchestr.core.monitor.OutputMarkers;
import io.agentorchestr.core.monitor.WatchedWorker;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.PromptDelivery;
import io.agentorchestr.core.worker.WorkerLauncher;
import io.agentorchestr.core.monitor.WorkerWatch;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Looks after running workers: a completion watch and health tracking for each, and the recovery
 * actions the health monitor asks for (nudge, Ctrl-C, restart in the same worktree, give up). Every
 * action is recorded in the event log.
 */
final class WorkerCare implements HealthActions {
    private final SessionRecord session;
    private final StateStore store;
    private final Tmux tmux;
    private final WorkerLauncher launcher;
    private final WorkerBoard board;
    private final AgentChooser agents;
    private final BiConsumer<String, Completion> finisher;
    private final java.util.function.Consumer<String> report;
    private final FleetWatch monitors;
    private final HealthMonitor health;
    private final PromptDelivery delivery;
    private volatile Function<String, Optional<McpAccess>> access = id -> Optional.empty();
    private final Map<String, OutputMarkers> markers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> typed = new ConcurrentHashMap<>();

    WorkerCare(SessionRecord session, StateStore store, Tmux tmux, WorkerLauncher launcher, WorkerBoard board,
               AgentChooser agents, HealthPolicy policy,
               BiConsumer<String, Completion> finisher, java.util.function.Consumer<String> report) {
        this.report = report;
        this.session = session;
        this.store = store;
        this.tmux = tmux;
        this.launcher = launcher;
        this.board = board;
        this.agents = agents;
        this.finisher = finisher;
        this.monitors = new FleetWatch(tmux, session.tmuxSession(), () -> {
            try {
                return tmux.hasSession(session.tmuxSession());
            } catch (RuntimeException e) {
                return false;  // no tmux server at all
            }
        }, this::failHard);
        this.health = new HealthMonitor(tmux, policy, this);
        this.delivery = new PromptDelivery(tmux);
        health.start();
    }

    void connect(Function<String, Optional<McpAccess>> workerAccess) {
        this.access = workerAccess;
    }

    Optional<McpAccess> access(String workerId) {
        return access.apply(workerId);
    }

    /** Watches a running worker for completion and health. */
    void watch(WorkerRecord w) {
        watch(w, Math.max(0, w.attempt() - 1));
    }

    private void watch(WorkerRecord w, int restarts) {
        health.track(w.id(), new PaneRef(w.paneId()), Path.of(w.logPath()), markersOf(w), restarts);
        WatchedWorker watched = WorkerWatch.of(w, Path.of(session.sessionDir()));
        typed.getOrDefault(w.id(), List.of()).forEach(watched.markers()::ignoreQuotesIn);
        markers.put(w.id(), watched.markers());
        monitors.watch(watched,
                signal -> store.append(session.id(), new SessionEvent.SignalObserved(w.id(), signal.signal(),
                        signal.state().label(), signal.summary())),
                c -> finisher.accept(w.id(), c));
    }

    /**
     * Recording a worker's end failed (git or the store broke under it): it is failed with the reason,
     * without the steps that broke, so the lead hears of it and the goal goes on.
     */
    private void failHard(String id, RuntimeException e) {
        String reason = "agentorchestr failed while recording how it ended: " + e.getMessage();
        store.append(session.id(), new SessionEvent.HealthAction(id, "error", reason));
        synchronized (board) {
            WorkerRecord w = board.get(id);
            if (!w.state().terminal()) {
                board.put(w.withState(WorkerState.FAILED, reason, Completion.MONITOR_ERROR, null));
            }
        }
        unwatch(id);
        report.accept(id + " failed: " + reason);
    }

    @Override
    public void actionFailed(String id, String step, RuntimeException e) {
        failHard(id, new IllegalStateException("the recovery step '" + step + "' failed: " + e.getMessage(), e));
    }

    void unwatch(String id) {
        monitors.stop(id);
        health.untrack(id);
        markers.remove(id);
    }

    /** On resume: the messages typed into workers' panes before, from the event log. */
    void rememberTyped(List<io.agentorchestr.core.model.EventRecord> events) {
        for (io.agentorchestr.core.model.EventRecord e : events) {
            if (!"message_sent".equals(e.kind())) {
                continue;
            }
            // An unreadable event has no "to": only its echo might count; the rest still restores.
            com.fasterxml.jackson.databind.JsonNode data = e.json();
            String to = data.path("to").asText();
            if (board.find(to).isPresent()) {
                typedInto(to, data.path("text").asText());
            }
        }
    }

    /**
     * {@code text} is about to be typed into the worker's pane: its echo is not the agent's output,
     * so completion lines in it are not the worker's signal (now, and after a restart or resume).
     */
    void typedInto(String id, String text) {
        typed.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(text);
        OutputMarkers m = markers.get(id);
        if (m != null) {
            m.ignoreQuotesIn(text);
        }
        health.typedInto(id);
    }

    /**
     * A worker's agent exited while its hang was being recovered (our Ctrl-C ends many agents): it is
     * started again if the policy has a restart left (null is returned), else it has hung for good.
     * Any other completion is returned as it is.
     */
    Completion afterExit(String id, Completion c) {
        if (!Completion.PANE_EXIT.equals(c.signal())) {
            return c;
        }
        HealthMonitor.ExitVerdict v = health.onExit(id);
        if (v == HealthMonitor.ExitVerdict.RESTART) {
            agents.record(board.get(id).agent(), true, id + " hung");
            try {
                relaunch(id, "it hung and exited when interrupted", false);
            } catch (RuntimeException e) {
                return new Completion(WorkerState.FAILED, "it hung, exited when interrupted, and could not be "
                        + "started again: " + e.getMessage(), "health", c.exitStatus());
            }
            return null;
        }
        if (v == HealthMonitor.ExitVerdict.GIVE_UP) {
            String reason = "hung: no output for " + health.policy().hungAfter().toSeconds() + " s; nudged, "
                    + "interrupted (it exited) and restarted " + health.restarts(id) + " time(s) without recovery";
            store.append(session.id(), new SessionEvent.HealthAction(id, "give_up", reason));
            return new Completion(WorkerState.FAILED, reason, "health", c.exitStatus());
        }
        return c;
    }

    @Override
    public void activityChanged(String id, WorkerState state, String reason, long outputOffset) {
        synchronized (board) {
            WorkerRecord w = board.get(id);
            if (w.state().terminal() || w.state() == state) {
                return;
            }
            board.put(w.withState(state, reason, "health", null));
        }
        store.saveOutputOffset(session.id(), id, outputOffset);
    }

    @Override
    public void nudge(String id, String text) {
        store.append(session.id(), new SessionEvent.HealthAction(id, "nudge", text));
        deliver(id, text);
    }

    @Override
    public void interrupt(String id) {
        store.append(session.id(), new SessionEvent.HealthAction(id, "interrupt", "Ctrl-C pressed in its pane"));
        health.typedInto(id);
        tmux.sendKeys(new PaneRef(board.get(id).paneId()), "C-c");
    }

    @Override
    public void restart(String id, String reason) {
        agents.record(board.get(id).agent(), true, id + " hung");
        relaunch(id, reason, true);
    }

    @Override
    public void giveUp(String id, String reason) {
        store.append(session.id(), new SessionEvent.HealthAction(id, "give_up", reason));
        WorkerRecord w = board.get(id);
        finisher.accept(id, new Completion(WorkerState.FAILED, reason, "health", null));
        tmux.killPane(new PaneRef(w.paneId()));
    }

    @Override
    public void needsAttention(String id, String reason) {
        store.append(session.id(), new SessionEvent.HealthAction(id, "attention", reason));
        board.attention(id, reason);
    }

    /** A new attempt of {@code id} in its worktree; {@code stopWatch} when its old watch is still running. */
    void relaunch(String id, String reason, boolean stopWatch) {
        WorkerRecord w = board.get(id);
        if (stopWatch) {
            monitors.stopAndWait(id);
        }
        DetectedAgent agent = agents.find(w.agent()).orElseThrow(() -> new ToolError("agent " + w.agent()
                + " of " + id + " is not available any more"));
        WorkerRecord next = launcher.relaunch(session, w, agent.profile(), agent.binary(), access(id), reason,
                new PaneRef(w.paneId()));
        board.put(next);
        watch(next, health.restarts(id));
    }

    private void deliver(String id, String text) {
        WorkerRecord w = board.get(id);
        typedInto(id, text);
        delivery.deliver(new PaneRef(w.paneId()), text);
    }

    private ScreenMarkers markersOf(WorkerRecord w) {
        return agents.find(w.agent()).map(a -> a.profile().markers())
                .orElse(new ScreenMarkers(List.of(), List.of(), List.of()));
    }

    void shutdown() {
        health.close();
        monitors.close();
    }
}
