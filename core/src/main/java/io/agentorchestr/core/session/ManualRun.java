package io.agentorchestr.core.session;

import io.agentorchestr.core.model.SessionIds;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.agent.AgentSelection;
import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.config.AppPaths;
import io.agentorchestr.core.context.ProjectFiles;
import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.context.SessionHooks;
import io.agentorchestr.core.context.TaskHooks;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.git.CommitSummary;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.monitor.Completion;
import io.agentorchestr.core.monitor.CompletionDetector;
import io.agentorchestr.core.monitor.WatchedWorker;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.Perspective;
import io.agentorchestr.core.worker.WorkerBrief;
import io.agentorchestr.core.worker.WorkerId;
import io.agentorchestr.core.worker.WorkerLauncher;
import io.agentorchestr.core.monitor.WorkerWatch;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.worker.WorkerSpec;
import io.agentorchestr.core.model.WorkerState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code --manual --task} use case: checks prerequisites, creates the session, starts one worker
 * in its own worktree and pane, waits for its completion, saves any uncommitted work to its branch
 * and records the outcome. Split in {@link #start} and {@link #await} so the caller can attach to
 * tmux in between.
 */
public final class ManualRun {
    private final AppPaths paths;
    private final Tmux tmux;
    private final Git git;
    private final StateStore store;
    private final Prerequisites prerequisites;
    private final AgentSelection agents;
    private final WorkerLauncher launcher;
    private final SessionDirectories directories;
    private final AgentStopper stopper;
    private final ProcessRunner runner;
    private volatile ProjectFiles.MemorySource memories = ProjectFiles.MemorySource.NONE;

    public ManualRun(AppPaths paths, Tmux tmux, Git git, StateStore store, Prerequisites prerequisites,
                     AgentSelection agents, WorkerLauncher launcher, AgentStopper stopper, ProcessRunner runner) {
        this.stopper = stopper;
        this.runner = runner;
        this.paths = paths;
        this.tmux = tmux;
        this.git = git;
        this.store = store;
        this.prerequisites = prerequisites;
        this.agents = agents;
        this.launcher = launcher;
        this.directories = new SessionDirectories(paths);
    }

    /** Where sessions' memory is indexed and the user's global notes are (none unless set). */
    public ManualRun withMemory(ProjectFiles.MemorySource source) {
        this.memories = source;
        return this;
    }

    /** A started manual session: what to attach to and what to wait for. */
    public record Started(SessionRecord session, WorkerRecord worker, ManualRequest request, Instant startedAt,
                          String exitCommand, ScreenMarkers markers, List<String> warnings, SessionContext context) {
    }

    public Started start(ManualRequest request) {
        RunLimits.text("the task", "--task \"...\"", request.task());
        RunLimits.timeout(request.timeout());
        agents.resolve(request.agents());
        prerequisites.requireTmux();
        prerequisites.requireGit();
        Path repo = prerequisites.requireProject(request.project().toAbsolutePath().normalize());
        String base = prerequisites.requireBase(repo, request.base());
        DetectedAgent agent = agents.choose(request.agents());
        ProjectFiles files = ProjectFiles.load(paths.config(), repo);  // a bad hooks file stops the run here
        List<String> warnings = new java.util.ArrayList<>(prerequisites.checkoutWarnings(repo, base));

        String id = SessionIds.newId();
        Path sessionDir = directories.create(id);
        SessionDirectories.saveGoal(sessionDir, request.task());
        Instant now = Instant.now();
        SessionRecord session = new SessionRecord(id, "manual", request.task(), repo.toString(), null,
                List.of(agent.profile().key()), SessionStatus.RUNNING, base, null, SessionIds.tmuxSessionName(id),
                tmux.server().describeCommand(), null, sessionDir.toString(), ProcessHandle.current().pid(), null,
                now, now, null);
        store.createSession(session);
        store.append(id, new SessionEvent.SessionStarted("manual", repo.toString(), base, agent.profile().key()));
        SessionContext context = files.forSession(id, "manual", runner, store, memories, warnings::add);
        Map<String, Object> starting = new java.util.LinkedHashMap<>();
        starting.put("task", request.task());
        starting.put("agent", agent.profile().key());
        starting.put("base_commit", base);
        starting.put("timeout_s", request.timeout() == null ? null : request.timeout().toSeconds());
        SessionRefusal.refuseIfVetoed(store, session, context, starting, null);
        WorkerId workerId = new WorkerId(1);
        WorkerBrief brief = WorkerBrief.of(request.task(), Perspective.IMPLEMENTER)
                .withPreamble(context.preamble().text()).withMemory(context.notesFor(request.task()));
        Optional<String> refused = TaskHooks.refusal(context, workerId.toString(), brief, agent.profile().key(),
                WorkerLauncher.branchName(id, Perspective.IMPLEMENTER.label(), workerId));
        SessionRefusal.stopIfInterrupted(store, session, context, "during the pre_task hook");
        if (refused.isPresent()) {
            SessionRefusal.refuse(store, session, context, refused.get(), null);
            throw AgentorchestrException.error(refused.get() + "; session " + id + " ended");
        }
        WorkerRecord worker;
        try {
            worker = launcher.launch(session, new WorkerSpec(workerId, brief, agent.profile(), agent.binary(), true,
                    null, Optional.empty(), null));
        } catch (RuntimeException e) {
            // The session ends failed with the reason (or interrupted), never "running" for good.
            SessionRefusal.stopIfInterrupted(store, session, context, "while its worker was being made");
            SessionRefusal.refuse(store, session, context, "the session did not start: " + e.getMessage(), null);
            throw e;
        }
        return new Started(session, worker, request, now, agent.profile().exitCommand(), agent.profile().markers(),
                warnings, context);
    }

    /**
     * Waits for the worker to finish (or the timeout), then records and returns the outcome. A
     * question on its screen is told to {@code progress} (and recorded) within seconds.
     */
    public ManualOutcome await(Started started, Consumer<String> progress) throws InterruptedException {
        SessionRecord session = started.session();
        WorkerRecord worker = started.worker();
        Path worktree = Path.of(worker.worktree());
        WatchedWorker watched = WorkerWatch.of(worker, Path.of(session.sessionDir()));
        Instant deadline = started.request().timeout() == null ? Instant.MAX
                : started.startedAt().plus(started.request().timeout());
        Completion completion;
        try (ScreenWatch ignored = new ScreenWatch(tmux, new PaneRef(worker.paneId()), started.markers(),
                question -> waiting(session, worker, question, progress), () -> going(session, worker, progress))) {
            completion = new CompletionDetector(tmux).await(watched, deadline, signal ->
                    store.append(session.id(), new SessionEvent.SignalObserved(worker.id(), signal.signal(),
                            signal.state().label(), signal.summary())));
        }

        // The task is over: the agent is asked to quit, then stopped (its pane keeps the last screen),
        // before what it left uncommitted is saved, so nothing changes the worktree after the commit.
        AgentStopper.Stopped stopped = stopper.stop(session.id(), session.tmuxSession(),
                started.exitCommand() == null ? Map.of()
                        : Map.of(new PaneRef(worker.paneId()), started.exitCommand()));
        Optional<String> saved = Files.isDirectory(worktree)
                ? git.commitAll(worktree, "agentorchestr: save uncommitted work of " + worker.id() + "\n\n"
                + "Committed by agentorchestr when the worker finished, so no work is lost.") : Optional.empty();
        saved.ifPresent(c -> store.append(session.id(), new SessionEvent.WorkSaved(worker.id(), c)));

        WorkerRecord ended = worker.withState(completion.state(), completion.summary(), completion.signal(),
                completion.exitStatus());
        store.saveWorker(ended);
        store.append(session.id(), new SessionEvent.WorkerStateChanged(worker.id(), worker.state().label(),
                ended.state().label(), completion.signal()));
        TaskHooks.ended(started.context(), ended);
        SessionStatus status = ended.state() == WorkerState.DONE ? SessionStatus.DONE : SessionStatus.FAILED;
        SessionRecord finished = session.ended(status, completion.summary());
        store.updateSession(finished);
        store.append(session.id(), new SessionEvent.SessionEnded(status.label(), completion.summary()));
        SessionHooks.ended(started.context(), finished, List.of(ended), null, null, List.of());
        started.context().close();
        List<CommitSummary> commits = Files.isDirectory(worktree) ? git.commitsSince(worktree, session.baseCommit())
                : List.of();
        return new ManualOutcome(finished, ended, commits, stopped);
    }

    private void waiting(SessionRecord session, WorkerRecord worker, String question, Consumer<String> progress) {
        store.saveWorker(worker.withState(WorkerState.WAITING, null, null, null));
        store.append(session.id(), new SessionEvent.WorkerStateChanged(worker.id(), WorkerState.RUNNING.label(),
                WorkerState.WAITING.label(), "its screen asks: " + question));
        progress.accept(worker.id() + " waits for an answer; its screen asks: " + question + ". Answer it in its "
                + "pane (attach to tmux session " + session.tmuxSession() + ")");
    }

    private void going(SessionRecord session, WorkerRecord worker, Consumer<String> progress) {
        store.saveWorker(worker.withState(WorkerState.RUNNING, null, null, null));
        store.append(session.id(), new SessionEvent.WorkerStateChanged(worker.id(), WorkerState.WAITING.label(),
                WorkerState.RUNNING.label(), "its screen no longer asks"));
        progress.accept(worker.id() + " goes on");
    }

    /** Records that the run was interrupted before it ended (Ctrl-C); everything stays as it was. */
    public void markInterrupted(Started started) {
        store.session(started.session().id()).filter(s -> s.status() == SessionStatus.RUNNING).ifPresent(s -> {
            SessionRecord interrupted = s.ended(SessionStatus.INTERRUPTED, "interrupted before the worker finished");
            store.updateSession(interrupted);
            store.append(s.id(), new SessionEvent.SessionEnded(SessionStatus.INTERRUPTED.label(),
                    "interrupted before the worker finished"));
            SessionHooks.ended(started.context(), interrupted, List.of(started.worker()), null, null, List.of());
            started.context().close();
        });
    }
}
