package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.context.TaskHooks;
import io.agentorchestr.core.error.FileTrouble;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.monitor.Completion;
import io.agentorchestr.core.health.CircuitBreaker;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.memory.Memory;
import io.agentorchestr.core.model.MemoryHit;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.PromptDelivery;
import io.agentorchestr.core.worker.SkillCatalog;
import io.agentorchestr.core.worker.WorkerLauncher;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The engine behind the MCP tools of a session: spawns and watches workers, delivers messages,
 * merges finished work into the integration branch, verifies the merged result and takes the lead's
 * verdict. Every method acts for real; misuse raises {@link ToolError} with what to do instead.
 */
public final class Supervisor {
    private final SessionRecord session;
    private final StateStore store;
    private final Tmux tmux;
    private final Git git;
    private final WorkerLauncher launcher;
    private final Integration integration;
    private final AgentChooser agents;
    private final int maxWorkers;
    private final Consumer<String> progress;
    private final WaitTimer waitTimer = new WaitTimer();
    private final WorkerBoard board;
    private final WorkerCare care;
    private final WorkerOutput output = new WorkerOutput();
    private final PromptDelivery delivery;
    private final LeadActivity leadActivity;
    private final CompletableFuture<GoalEnd> end = new CompletableFuture<>();
    private volatile PaneRef leadPane;
    private volatile ToolServer tokens;
    private final IntegrationDesk desk;
    private final WorkerSpawner spawner;
    private final SessionContext context;

    public Supervisor(SessionRecord session, StateStore store, Tmux tmux, Git git, WorkerLauncher launcher,
                      Integration integration, Verifier verifier, List<DetectedAgent> roster, int maxWorkers,
                      HealthPolicy policy, SessionContext context, Consumer<String> progress) {
        this.session = session;
        this.context = context;
        this.store = store;
        this.tmux = tmux;
        this.git = git;
        this.launcher = launcher;
        this.integration = integration;
        this.agents = new AgentChooser(roster, new CircuitBreaker(policy.breakerFailures(), policy.breakerCooldown(),
                Clock.systemUTC()));
        this.maxWorkers = maxWorkers;
        this.progress = progress;
        this.board = new WorkerBoard(session.id(), store, waitTimer);
        this.leadActivity = new LeadActivity(launch -> store.append(session.id(), new SessionEvent.LeadReady(launch)));
        this.care = new WorkerCare(session, store, tmux, launcher, board, agents, policy, this::finish, progress);
        this.delivery = new PromptDelivery(tmux);
        this.desk = new IntegrationDesk(session, store, launcher, integration, verifier, board, context, progress,
                git);
        this.spawner = new WorkerSpawner(session, store, git, launcher, integration, agents, maxWorkers, board, care,
                desk, context, progress, this::revoke);
    }

    public SessionRecord session() {
        return session;
    }

    /** The session's preamble and hooks. */
    public SessionContext context() {
        return context;
    }

    /** The store this session's work writes through (failed writes are reported, not fatal). */
    public StateStore store() {
        return store;
    }

    /**
     * Wires the session's MCP server in: workers get their own access (and lose it when they finish),
     * and a pasted prompt waits for their tools. Before any worker is (re)launched.
     */
    void serveWith(ToolServer server) {
        care.connect(id -> Optional.of(server.workerAccess(id)));
        launcher.listenTo(server);
        launcher.keepSpareWorktree(session);
        this.tokens = server;
    }

    /** {@link #serveWith}, and the lead's pane, for messages to the lead. */
    void connect(ToolServer server, PaneRef lead) {
        serveWith(server);
        this.leadPane = lead;
    }

    void leadMoved(PaneRef lead) {
        this.leadPane = lead;
    }

    /** The lead was started again: what its old self was told, or was about to be told, is told again. */
    void leadReplaced() {
        board.leadReplaced();
    }

    public LeadActivity leadActivity() {
        return leadActivity;
    }

    /**
     * Loads a resumed session's workers (ids continue after the highest); nothing is watched yet. The
     * messages typed into their panes before are remembered, so their echo in the pane logs (read
     * again from the start) is not taken for the workers' own completion lines.
     */
    void restore(List<WorkerRecord> stored, List<EventRecord> events) {
        stored.forEach(board::restore);
        care.rememberTyped(events);
    }

    /** Watches a restored worker whose agent is still running. */
    void adopt(WorkerRecord w) {
        care.watch(w);
    }

    /** Starts a new attempt of a restored worker whose agent is gone, in its worktree. */
    void relaunch(String id, String reason) {
        care.relaunch(id, reason, false);
    }

    /** Records a restored worker's outcome found on disk (done flag) or its loss. */
    void settle(String id, Completion c) {
        finish(id, c);
    }

    public String note(String workerId) {
        return board.note(workerId);
    }

    /** Where workers' skills come from (none unless set). */
    public void useSkills(SkillCatalog catalog) {
        spawner.useSkills(catalog);
    }

    public SkillCatalog skills() {
        return spawner.skills();
    }

    /** The skills a worker got in its prompt. */
    public List<String> skillsOf(String workerId) {
        return spawner.skillsOf(workerId);
    }

    CompletableFuture<GoalEnd> end() {
        return end;
    }

    public List<WorkerRecord> workers() {
        return board.all();
    }

    /** Stops each worker's agent once it has finished; until then it counts against the worker limit. */
    void stopFinishedAgents(FinishedAgents finished) {
        spawner.countAlso(finished);
        board.watch(finished);
    }

    /** Calls {@code watcher} on every change of a worker (state, merge, relaunch), on the changing thread. */
    public void watchWorkers(Consumer<WorkerRecord> watcher) {
        board.watch(watcher);
    }

    public Optional<VerifyResult> lastVerify() {
        return desk.lastVerify();
    }

    public String lastProgress(String workerId) {
        return board.lastProgress(workerId);
    }

    /** spawn_worker: a new worker on a fresh branch, or the earlier one for a repeated request_id. */
    public WorkerRecord spawn(SpawnRequest r) {
        try {
            return spawner.spawn(r);
        } catch (ToolError e) {
            // A worktree that cannot be made for lack of space: pause, do not let the lead give up.
            if (FileTrouble.diskFull(e)) {
                pauseFor("a disk is full: " + firstLine(e.getMessage()));
            }
            throw e;
        }
    }

    /** Records a worker's outcome once (later signals are only logged) and saves its uncommitted work. */
    WorkerRecord finish(String id, Completion c) {
        synchronized (board) {
            WorkerRecord w = board.get(id);
            if (w.state().terminal()) {
                return w;
            }
            if (Completion.PANE_GONE.equals(c.signal()) && !tmux.hasSession(session.tmuxSession())) {
                // Not this worker's doing: the whole tmux session went (kill-server, reboot). It stays
                // unfinished so --resume relaunches it.
                end.complete(tmuxGone());
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
                        + ": " + firstLine(outcome.summary()));
            }
            progress.accept(id + " " + ended.state().label() + ": " + firstLine(outcome.summary()));
            TaskHooks.ended(context, ended);
            return ended;
        }
    }

    /** Commits what the worker left uncommitted; a worktree that is gone or broken is recorded, not fatal. */
    private void saveWork(WorkerRecord w) {
        Path worktree = Path.of(w.worktree());
        if (!java.nio.file.Files.isDirectory(worktree)) {
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

    void revoke(String id, String reason) {
        ToolServer server = tokens;
        if (server != null) {
            server.revokeWorker(id, reason);
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

    /**
     * wait_for_worker: completes when the worker has finished or the timeout passed, with the worker.
     * No thread waits; cancelling the future (the caller went away) forgets the wait.
     */
    public CompletableFuture<WorkerRecord> waitForWorker(String id, Duration timeout) {
        return board.awaitTerminal(id, timeout);
    }

    /** wait_for_any, as a future like {@link #waitForWorker}. */
    public CompletableFuture<WorkerBoard.Wakeup> waitForAny(List<String> ids, Duration timeout) {
        return board.awaitAny(ids, timeout);
    }

    public String readOutput(String id, int tailLines) {
        return output.tail(Path.of(board.get(id).logPath()), tailLines);
    }

    public void send(String id, String message) {
        WorkerRecord w = board.get(id);
        if (message == null || message.isBlank()) {
            throw new ToolError("message is empty");
        }
        PaneRef pane = new PaneRef(w.paneId());
        if (tmux.paneStatus(pane).map(p -> p.dead()).orElse(true)) {
            throw new ToolError(id + "'s agent is no longer running (it is " + w.state().label()
                    + "); spawn a new worker to continue its work");
        }
        care.typedInto(id, message);
        delivery.deliver(pane, message);
        store.append(session.id(), new SessionEvent.MessageSent("lead", id, message));
    }

    public WorkerRecord kill(String id) {
        WorkerRecord w = board.get(id);
        if (w.state().terminal()) {
            return w;
        }
        WorkerRecord killed = finish(id, new Completion(WorkerState.KILLED, "killed by the lead", "kill", null));
        tmux.killPane(new PaneRef(w.paneId()));
        return killed;
    }

    public String diff(String id) {
        return desk.diff(id);
    }

    /** merge_worker: the worker's branch into the integration branch; conflicts are reported, not forced. */
    public MergeOutcome merge(String id) {
        return desk.merge(id);
    }

    /** verify: merges finished work not merged yet, then runs the verify commands on the result. */
    public VerifyResult verify(String successCriteria) {
        return desk.verify(successCriteria);
    }

    /** cross_review: a reviewer worker comparing two workers' changes. */
    public WorkerRecord crossReview(String a, String b, String focus) {
        return spawner.crossReview(a, b, focus);
    }

    /** A line for the user's terminal. */
    void report(String message) {
        progress.accept(message);
    }

    /** A worker's own call: refused once it has finished (its token is revoked then too). */
    private void requireRunning(String workerId) {
        WorkerRecord w = board.get(workerId);
        if (w.state().terminal()) {
            throw new ToolError(workerId + " has finished (" + w.state().label() + "); nothing it sends reaches the "
                    + "lead any more");
        }
    }

    public void reportProgress(String from, String message) {
        if (!"lead".equals(from)) {
            requireRunning(from);
        }
        store.append(session.id(), new SessionEvent.ProgressReported(from, message));
        if (!"lead".equals(from)) {
            board.progress(from, message);
        }
        progress.accept(from + ": " + firstLine(message));
    }

    /** remember: adds {@code text} to the topic's note in the project's memory, for later sessions. */
    public Memory.Remembered remember(String from, String topic, String text) {
        if (!"lead".equals(from)) {
            requireRunning(from);
        }
        try {
            return requireMemory().remember(topic, text, from + " (session " + session.id() + ")");
        } catch (IllegalArgumentException e) {
            throw new ToolError(e.getMessage());
        }
    }

    /** recall: the project's notes (and the user's global ones) that best match {@code query}. */
    public List<MemoryHit> recall(String query, int k) {
        if (query == null || query.isBlank()) {
            throw new ToolError("query is empty; give the words to look for, like \"database migration\"");
        }
        try {
            return requireMemory().recall(query, k);
        } catch (IllegalArgumentException e) {
            throw new ToolError(e.getMessage());
        }
    }

    private Memory requireMemory() {
        if (context.memory() == null) {
            throw new ToolError("this session has no memory index (it was started without one)");
        }
        return context.memory();
    }

    /** ask_lead: the question is recorded and typed into the lead's input. */
    public String askLead(String workerId, String question) {
        requireRunning(workerId);
        store.append(session.id(), new SessionEvent.MessageSent(workerId, "lead", question));
        if (leadPane != null) {
            delivery.deliver(leadPane, "[agentorchestr] " + workerId + " asks: " + question
                    + " (answer with send_to_worker(\"" + workerId + "\", ...))");
        }
        return "your question reached the lead; the answer arrives as a message in your input";
    }

    public String markGoal(boolean done, String text) {
        GoalEnd verdict = new GoalEnd(done ? GoalEnd.Kind.DONE : GoalEnd.Kind.FAILED, text);
        if (!end.complete(verdict)) {
            throw new ToolError("the goal was already marked " + end.join().kind().name().toLowerCase());
        }
        store.append(session.id(), new SessionEvent.GoalMarked(done ? "done" : "failed", text));
        return "goal marked " + (done ? "done" : "failed") + "; agentorchestr is writing the final report";
    }

    GoalEnd tmuxGone() {
        return new GoalEnd(GoalEnd.Kind.PAUSED, "the tmux session " + session.tmuxSession() + " disappeared (tmux "
                + "kill-server or a reboot); continue with agentorchestr --resume " + session.id());
    }

    /**
     * The run ends as paused for {@code reason} (a full disk): the lead, workers and panes carry on,
     * and --resume continues once the cause is gone.
     */
    public boolean pauseFor(String reason) {
        boolean paused = end.complete(new GoalEnd(GoalEnd.Kind.PAUSED, reason + "; the agents keep running: "
                + "free space, then continue with agentorchestr --resume " + session.id()));
        if (paused) {
            progress.accept("pausing: " + reason);
        }
        return paused;
    }

    /** Ctrl-C: the run ends as paused (the lead, workers and panes carry on); false if it had already ended. */
    public boolean pause() {
        return end.complete(new GoalEnd(GoalEnd.Kind.PAUSED, "paused by the user; continue with agentorchestr "
                + "--resume " + session.id()));
    }

    /** Workers still running when the goal ends: their work is saved and they are recorded as {@code state}. */
    void endUnfinished(WorkerState state, String reason) {
        for (WorkerRecord w : board.all()) {
            if (!w.state().terminal()) {
                finish(w.id(), new Completion(state, reason, "goal_end", null));
            }
        }
    }

    /** Stops watching the workers: from now on their agents' exits are not their outcome. */
    void stopWatching() {
        spawner.close();
        care.shutdown();
    }

    /** What to type into each worker's pane to make its agent quit (agents that have such a command). */
    Map<PaneRef, String> exitCommands() {
        Map<PaneRef, String> out = new java.util.LinkedHashMap<>();
        for (WorkerRecord w : board.all()) {
            exitCommandOf(w.agent()).filter(c -> w.paneId() != null).ifPresent(c -> out.put(new PaneRef(w.paneId()), c));
        }
        return out;
    }

    /** What makes an agent of the roster quit when typed into its pane, if it has such a command. */
    Optional<String> exitCommandOf(String agentKey) {
        return agents.find(agentKey).map(a -> a.profile().exitCommand()).filter(c -> !c.isBlank());
    }

    void shutdown() {
        spawner.close();
        board.close();
        waitTimer.close();
        care.shutdown();
        launcher.cleanUp();
    }

    /** The first line of agent text for a progress line, a merge message or a digest: safe and short. */
    static String firstLine(String text) {
        return TerminalText.firstLine(text, 100);
    }
}
