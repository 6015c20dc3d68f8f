package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.agent.McpAccess;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.monitor.Completion;
import io.agentorchestr.core.health.CircuitBreaker;
import io.agentorchestr.core.health.HealthPolicy;
import io.agentorchestr.core.session.SessionEvent;
import io.agentorchestr.core.session.SessionRecord;
import io.agentorchestr.core.store.StateStore;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.Perspective;
import io.agentorchestr.core.worker.PromptDelivery;
import io.agentorchestr.core.worker.WorkerBrief;
import io.agentorchestr.core.worker.WorkerId;
import io.agentorchestr.core.worker.WorkerLauncher;
import io.agentorchestr.core.worker.WorkerRecord;
import io.agentorchestr.core.worker.WorkerSpec;
import io.agentorchestr.core.worker.WorkerState;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

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
    private final WorkerBoard board;
    private final WorkerCare care;
    private final WorkerOutput output = new WorkerOutput();
    private final PromptDelivery delivery;
    private final LeadActivity leadActivity = new LeadActivity();
    private final CompletableFuture<GoalEnd> end = new CompletableFuture<>();
    private final Object spawnLock = new Object();
    private volatile PaneRef leadPane;
    private final IntegrationDesk desk;

    public Supervisor(SessionRecord session, StateStore store, Tmux tmux, Git git, WorkerLauncher launcher,
                      Integration integration, Verifier verifier, List<DetectedAgent> roster, int maxWorkers,
                      HealthPolicy policy, Consumer<String> progress) {
        this.session = session;
        this.store = store;
        this.tmux = tmux;
        this.git = git;
        this.launcher = launcher;
        this.integration = integration;
        this.agents = new AgentChooser(roster, new CircuitBreaker(policy.breakerFailures(), policy.breakerCooldown(),
                Clock.systemUTC()));
        this.maxWorkers = maxWorkers;
        this.progress = progress;
        this.board = new WorkerBoard(session.id(), store);
        this.care = new WorkerCare(session, store, tmux, launcher, board, agents, policy, this::finish);
        this.delivery = new PromptDelivery(tmux);
        this.desk = new IntegrationDesk(session, store, launcher, integration, verifier, board, progress);
    }

    public SessionRecord session() {
        return session;
    }

    void connect(Function<String, Optional<McpAccess>> access, PaneRef lead) {
        care.connect(access);
        this.leadPane = lead;
    }

    void leadMoved(PaneRef lead) {
        this.leadPane = lead;
    }

    public LeadActivity leadActivity() {
        return leadActivity;
    }

    /** Loads a resumed session's workers (ids continue after the highest); nothing is watched yet. */
    void restore(List<WorkerRecord> stored) {
        stored.forEach(board::restore);
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

    CompletableFuture<GoalEnd> end() {
        return end;
    }

    public List<WorkerRecord> workers() {
        return board.all();
    }

    public Optional<VerifyResult> lastVerify() {
        return desk.lastVerify();
    }

    public String lastProgress(String workerId) {
        return board.lastProgress(workerId);
    }

    /** spawn_worker: a new worker on a fresh branch, or the earlier one for a repeated request_id. */
    public WorkerRecord spawn(SpawnRequest r) {
        if (r.task() == null || r.task().isBlank()) {
            throw new ToolError("task is empty; describe the work the worker should do");
        }
        Perspective perspective = r.perspective() == null || r.perspective().isBlank() ? Perspective.IMPLEMENTER
                : Perspective.find(r.perspective()).orElseThrow(() -> new ToolError("unknown perspective '"
                + r.perspective() + "'; use one of " + Perspective.labels()));
        synchronized (spawnLock) {
            if (r.requestId() != null && !r.requestId().isBlank()) {
                Optional<WorkerRecord> earlier = board.byRequestId(r.requestId());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            String start = startCommit(r.dependsOn());
            if (board.active() >= maxWorkers) {
                throw new ToolError(board.active() + " workers are running, the maximum is " + maxWorkers
                        + "; call wait_for_any, then spawn again");
            }
            AgentChooser.Choice choice = agents.choose(r.agentHint());
            DetectedAgent agent = choice.agent();
            WorkerId id = new WorkerId(board.highestNumber() + 1);
            WorkerBrief brief = new WorkerBrief(r.task(), perspective, r.fileScope(), r.passCriteria(),
                    r.extraContext());
            WorkerRecord w = launcher.launch(session, new WorkerSpec(id, brief, agent.profile(), agent.binary(), false,
                    r.requestId(), care.access(id.toString()), start));
            board.put(w);
            if (choice.note() != null) {
                board.note(w.id(), choice.note());
                progress.accept(choice.note());
            }
            care.watch(w);
            progress.accept(w.id() + " started (" + agent.profile().key() + ", " + perspective.label() + "): "
                    + firstLine(r.task()));
            return w;
        }
    }

    /** Workers that depend on others start from the integration branch, which must hold their work. */
    private String startCommit(List<String> dependsOn) {
        for (String dep : dependsOn) {
            WorkerRecord d = board.get(dep);
            if (d.mergedCommit() == null) {
                throw new ToolError("depends_on " + dep + " is " + d.state().label() + " and not merged; wait for it "
                        + "and merge_worker it first, so the new worker starts from its work");
            }
        }
        return dependsOn.isEmpty() ? null : git.resolveCommit(integration.worktree(), "HEAD").orElseThrow();
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
            Optional<String> saved = git.commitAll(Path.of(w.worktree()), "agentorchestr: save uncommitted work of "
                    + id);
            saved.ifPresent(commit -> store.append(session.id(), new SessionEvent.WorkSaved(id, commit)));
            WorkerRecord ended = w.withState(outcome.state(), outcome.summary(), outcome.signal(), outcome.exitStatus());
            board.put(ended);
            care.unwatch(id);
            if (ended.state() == WorkerState.DONE || ended.state() == WorkerState.FAILED) {
                agents.record(w.agent(), ended.state() == WorkerState.FAILED, id + " " + ended.state().label()
                        + ": " + firstLine(String.valueOf(outcome.summary())));
            }
            progress.accept(id + " " + ended.state().label() + ": " + firstLine(String.valueOf(outcome.summary())));
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

    public WorkerRecord waitForWorker(String id, Duration timeout) throws InterruptedException {
        return board.awaitTerminal(id, timeout);
    }

    public WorkerBoard.Wakeup waitForAny(List<String> ids, Duration timeout) throws InterruptedException {
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
        care.typedInto(id);
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

    public WorkerRecord crossReview(String a, String b, String focus) {
        WorkerRecord wa = board.get(a);
        WorkerRecord wb = board.get(b);
        String context = "Diff of " + a + " (" + wa.branch() + "):\n" + WorkerOutput.truncate(diff(a), 20_000)
                + "\n\nDiff of " + b + " (" + wb.branch() + "):\n" + WorkerOutput.truncate(diff(b), 20_000);
        String task = "Review the work of " + a + " and " + b + " against each other: conflicts between them, "
                + "duplicated or inconsistent changes, bugs in either." + (focus == null || focus.isBlank() ? ""
                : " Focus: " + focus.strip());
        return spawn(new SpawnRequest(task, Perspective.REVIEWER.label(), List.of(), null, context, null, List.of(),
                null));
    }

    /** A line for the user's terminal. */
    void report(String message) {
        progress.accept(message);
    }

    public void reportProgress(String from, String message) {
        store.append(session.id(), new SessionEvent.ProgressReported(from, message));
        if (!"lead".equals(from)) {
            board.progress(from, message);
        }
        progress.accept(from + ": " + firstLine(message));
    }

    /** ask_lead: the question is recorded and typed into the lead's input. */
    public String askLead(String workerId, String question) {
        board.get(workerId);
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

    void shutdown() {
        care.shutdown();
        launcher.cleanUp();
    }

    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }
}
