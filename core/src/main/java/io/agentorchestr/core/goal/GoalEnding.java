package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.agent.McpInjector;
import io.agentorchestr.core.context.SessionHooks;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.store.FailSoftStore;
import io.agentorchestr.core.tmux.PaneRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The end of a goal's run, whatever ended it: a pause keeps everything as it is; any other end stops
 * the agents still running, records the unfinished workers, saves what the integration worktree holds,
 * records the session's end (through the fail-soft store, so a full disk cannot turn it into a crash)
 * and fires post_session. A store that cannot be read is reported from what the run knows.
 */
final class GoalEnding {
    private final StateStore store;
    private final FailSoftStore live;
    private final AgentStopper stopper;
    private final Consumer<String> progress;

    GoalEnding(StateStore store, FailSoftStore live, AgentStopper stopper, Consumer<String> progress) {
        this.store = store;
        this.live = live;
        this.stopper = stopper;
        this.progress = progress;
    }

    synchronized GoalOutcome finish(GoalRun.Started s, GoalEnd end) {
        // A paused session keeps everything as it is, to be picked up again. Otherwise the agents still
        // running (the lead, unfinished workers, done ones not merged) are asked to quit, then stopped,
        // before their leftovers are committed; their panes keep the last screens for inspection.
        Optional<AgentStopper.Stopped> stopped = Optional.empty();
        s.audience().goalEnding();
        if (end.kind() != GoalEnd.Kind.PAUSED) {
            s.supervisor().stopWatching();
            stopped = Optional.of(stopAgents(s));
        }
        switch (end.kind()) {
            case TIMEOUT -> s.supervisor().endings().endUnfinished(WorkerState.TIMEOUT, "still running when the goal's time "
                    + "ran out");
            case PAUSED -> { }
            default -> s.supervisor().endings().endUnfinished(WorkerState.ORPHANED, "still running when the goal ended ("
                    + end.kind().name().toLowerCase() + ")");
        }
        // The server first: calls still waiting get an error a client retries after a resume; then the
        // session's own waits and watches end.
        s.server().close();
        s.supervisor().shutdown();
        if (end.kind() != GoalEnd.Kind.PAUSED) {
            McpInjector.cleanUp(s.lead().current().mcp());
            s.integration().saveLocalChanges();
        }
        SessionStatus status = switch (end.kind()) {
            case DONE -> SessionStatus.DONE;
            case PAUSED -> SessionStatus.PAUSED;
            default -> SessionStatus.FAILED;
        };
        SessionRecord ended = storedOr(s.session()).ended(status, end.summary());
        // Through the fail-soft store: a full disk must not turn the end into a crash (the session
        // then resumes as a crashed one would).
        live.updateSession(ended);
        live.append(ended.id(), new SessionEvent.SessionEnded(status.label(), end.summary()));
        Optional<VerifyResult> verify = s.supervisor().lastVerify();
        List<WorkerRecord> workers = workersOr(ended.id(), s.supervisor());
        SessionHooks.ended(s.supervisor().context(), ended, workers, s.integration().branch(),
                verify.map(VerifyResult::passed).orElse(null), verify.map(v -> v.commands().stream()
                        .map(c -> "`" + c.command() + "`: exit " + c.exitCode() + (c.timedOut() ? " (timed out)" : ""))
                        .toList()).orElse(List.of()));
        s.supervisor().context().close();
        if (end.kind() != GoalEnd.Kind.PAUSED) {
            s.audience().goalEnded(status.label(), end.summary());
        }
        s.audience().close();
        s.lock().close();
        java.util.Map<String, java.util.Map<String, Object>> usage = new java.util.HashMap<>(
                s.supervisor().spending().settle());
        workers.forEach(w -> usage.computeIfAbsent(w.id(), id -> s.supervisor().spending().usage().of(w)));
        return new GoalOutcome(ended, end, s.integration().branch(), s.integration().worktree().toString(),
                workers, s.supervisor().lastVerify(), stopped, usage);
    }

    /** The session as stored, or as this run knows it when the store cannot be read (made unreadable). */
    private SessionRecord storedOr(SessionRecord known) {
        try {
            return store.session(known.id()).orElse(known);
        } catch (RuntimeException e) {
            progress.accept("cannot read the session from the state store (" + e.getMessage() + "); reporting what "
                    + "this run knows");
            return known.masked();
        }
    }

    /**
     * The workers as stored (secrets masked, as every report shows them), or the run's own records when
     * the store cannot be read (a full or immutable disk).
     */
    private List<WorkerRecord> workersOr(String sessionId, Supervisor supervisor) {
        try {
            return store.workers(sessionId);
        } catch (RuntimeException e) {
            return supervisor.board().all().stream().map(WorkerRecord::masked).toList();
        }
    }

    private AgentStopper.Stopped stopAgents(GoalRun.Started s) {
        Map<PaneRef, String> exits = new LinkedHashMap<>();
        for (WorkerRecord w : s.supervisor().board().all()) {
            s.supervisor().exitCommandOf(w.agent()).filter(c -> w.paneId() != null)
                    .ifPresent(c -> exits.put(new PaneRef(w.paneId()), c));
        }
        String leadExit = s.lead().agent().profile().exitCommand();
        if (leadExit != null) {
            exits.put(s.leadPane(), leadExit);
        }
        try {
            AgentStopper.Stopped stopped = stopper.stop(s.session().id(), s.session().tmuxSession(), exits);
            if (stopped.total() > 0) {
                progress.accept("agents still running at the end: " + stopped.describe() + "; their panes keep "
                        + "their last screens");
            }
            return stopped;
        } catch (RuntimeException e) {
            progress.accept("could not stop every agent of the session: " + e.getMessage());
            return new AgentStopper.Stopped(0, 0, 0);
        }
    }
}
