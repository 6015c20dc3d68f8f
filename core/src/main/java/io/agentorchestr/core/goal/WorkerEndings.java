package io.agentorchestr.core.goal;

import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.context.TaskHooks;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.monitor.Completion;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How workers end: the first outcome of each is recorded (later signals are only logged), its
 * uncommitted work saved to its branch, its tools' token revoked, its agent's record kept for the
 * circuit breaker, and its post_task hooks fired. report_done, kill_worker, the watches and the
 * goal's end all come through here.
 */
public final class WorkerEndings {
    private final SessionRecord session;
    private final StateStore store;
    private final Tmux tmux;
    private final Git git;
    private final WorkerBoard board;
    private final AgentChooser agents;
    private final SessionContext context;
    private final GoalVerdict verdict;
    private final Consumer<String> progress;
    private volatile WorkerCare care;
    private volatile ToolServer tokens;

    WorkerEndings(SessionRecord session, StateStore store, Tmux tmux, Git git, WorkerBoard board, AgentChooser agents,
                  SessionContext context, GoalVerdict verdict, Consumer<String> progress) {
        this.session = session;
        this.store = store;
        this.tmux = tmux;
        this.git = git;
        this.board = board;
        this.agents = agents;
        this.context = context;
        this.verdict = verdict;
        this.progress = progress;
    }

    /** The watches that decide how an agent's exit counts (made after this, as they report here). */
    void watchedBy(WorkerCare workerCare) {
        this.care = workerCare;
    }

    /** Whose tokens are revoked when a worker ends. */
    void tokensFrom(ToolServer server) {
        this.tokens = server;
    }

    /** Records a worker's outcome once and saves its uncommitted work; the worker as it ended up. */
    WorkerRecord finish(String id, Completion c) {
        synchronized (board) {
            WorkerRecord w = board.get(id);
            if (w.state().terminal()) {
                return w;
            }
            if (Completion.PANE_GONE.equals(c.signal()) && !tmux.hasSession(session.tmuxSession())) {
                // Not this worker's doing: the whole tmux session went (kill-server, reboot). It stays
                // unfinished so --resume relaunches it.
                verdict.tmuxGone();
                return w;
            }
            Completion outcome = care.afterExit(id, c);
            if (outcome == null) {
                return board.get(id);
            }
            saveWork(w);
            WorkerRecord ended = w.withState(outcome.state(), outcome.summary(), outcome.signal(), outcome.exitStatus());
            board.put(ended);
            care.unwatch(id);
            revoke(id, ended.state().label());
            if (ended.state() == WorkerState.DONE || ended.state() == WorkerState.FAILED) {
                agents.record(w.agent(), ended.state() == WorkerState.FAILED, id + " " + ended.state().label()
                        + ": " + TerminalText.shortLine(outcome.summary()));
            }
            progress.accept(id + " " + ended.state().label() + ": " + TerminalText.shortLine(outcome.summary()));
            TaskHooks.ended(context, ended);
            return ended;
        }
    }

    /** report_done from the worker itself. */
    public WorkerRecord reportDone(String workerId, String state, String summary) {
        WorkerState s = switch (state == null ? "" : state.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "done" -> WorkerState.DONE;
            case "blocked" -> WorkerState.BLOCKED;
            case "failed" -> WorkerState.FAILED;
            default -> throw new ToolError("state must be done, blocked or failed, not '" + state + "'");
        };
        store.append(session.id(), new SessionEvent.SignalObserved(workerId, "mcp_report", s.label(), summary));
        return finish(workerId, new Completion(s, summary, "mcp_report", null));
    }

    /** kill_worker: its work saved, the worker ended as killed, its pane closed. */
    public WorkerRecord kill(String id) {
        WorkerRecord w = board.get(id);
        if (w.state().terminal()) {
            return w;
        }
        WorkerRecord killed = finish(id, new Completion(WorkerState.KILLED, "killed by the lead", "kill", null));
        tmux.killPane(new PaneRef(w.paneId()));
        return killed;
    }

    /** Workers still running when the goal ends: their work is saved and they are recorded as {@code state}. */
    void endUnfinished(WorkerState state, String reason) {
        for (WorkerRecord w : board.all()) {
            if (!w.state().terminal()) {
                finish(w.id(), new Completion(state, reason, "goal_end", null));
            }
        }
    }

    void revoke(String id, String reason) {
        ToolServer server = tokens;
        if (server != null) {
            server.revokeWorker(id, reason);
        }
    }

    /** Commits what the worker left uncommitted; a worktree that is gone or broken is recorded, not fatal. */
    private void saveWork(WorkerRecord w) {
        Path worktree = Path.of(w.worktree());
        if (!Files.isDirectory(worktree)) {
            store.append(session.id(), new SessionEvent.HealthAction(w.id(), "work_not_saved", "its worktree "
                    + worktree + " is gone; its branch " + w.branch() + " keeps what it committed"));
            return;
        }
        try {
            git.commitAll(worktree, "agentorchestr: save uncommitted work of " + w.id())
                    .ifPresent(commit -> store.append(session.id(), new SessionEvent.WorkSaved(w.id(), commit)));
        } catch (RuntimeException e) {
            store.append(session.id(), new SessionEvent.HealthAction(w.id(), "work_not_saved",
                    "cannot commit what it left uncommitted: " + e.getMessage()));
        }
    }
}
