package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.cost.Budget;
import io.agentorchestr.core.cost.Prices;
import io.agentorchestr.core.cost.SessionUsage;
import io.agentorchestr.core.cost.UsageMeter;
import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.monitor.Completion;
import io.agentorchestr.core.health.CircuitBreaker;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionRuntime;
import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.Perspectives;
import io.agentorchestr.core.worker.WorkerLauncher;
import io.agentorchestr.core.model.WorkerRecord;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A goal's session put together: the parts the MCP tools act on ({@link WorkerSpawner} spawns,
 * {@link WorkerBoard} waits and lists, {@link TeamChannel} carries messages, {@link WorkerEndings}
 * records outcomes, {@link IntegrationDesk} merges and verifies, {@link MemoryDesk} remembers,
 * {@link Mailbox} carries messages between agents (and {@link NoticeDesk} tells those that do not poll),
 * {@link GoalVerdict} takes the end) and their life with the session (restore, adopt, shut down).
 * A new tool calls a part; it does not add a method here.
 */
public final class Supervisor {
    private final SessionRecord session;
    private final StateStore store;
    private final WorkerLauncher launcher;
    private final AgentChooser agents;
    private final Consumer<String> progress;
    private final WaitTimer waitTimer = new WaitTimer();
    private final WorkerBoard board;
    private final WorkerCare care;
    private final LeadActivity leadActivity;
    private final GoalVerdict verdict;
    private final TeamChannel team;
    private final MemoryDesk memory;
    private final WorkerEndings endings;
    private final IntegrationDesk desk;
    private final WorkerSpawner spawner;
    private final SessionContext context;
    private final Mailbox mailbox;
    private final Perspectives perspectives;
    private final PlanRunner plan;
    private final Spending spending;
    private final NoticeDesk notices;
    private final LeadScreen leadScreen;
    private final BriefDesk briefs;

    public Supervisor(SessionRecord session, StateStore store, Tmux tmux, Git git, WorkerLauncher launcher,
                      Integration integration, Verifier verifier, List<DetectedAgent> roster, int maxWorkers,
                      HealthPolicy policy, SessionContext context, Consumer<String> progress) {
        this.session = session;
        this.context = context;
        this.store = store;
        this.launcher = launcher;
        this.agents = new AgentChooser(roster, new CircuitBreaker(policy.breakerFailures(), policy.breakerCooldown(),
                Clock.systemUTC()));
        this.progress = progress;
        this.perspectives = Perspectives.load(java.nio.file.Path.of(session.project()));
        this.board = new WorkerBoard(session.id(), store, waitTimer);
        this.leadActivity = new LeadActivity(launch -> store.append(session.id(), new SessionEvent.LeadReady(launch)));
        this.verdict = new GoalVerdict(session, store, progress);
        this.endings = new WorkerEndings(session, store, tmux, git, board, agents, context, verdict, progress);
        this.care = new WorkerCare(session, store, tmux, launcher, board, agents, policy, endings::finish, progress);
        endings.watchedBy(care);
        this.mailbox = new Mailbox(session, store.messages(), board, () -> store.runtime(session.id())
                .map(SessionRuntime::leadLaunches).orElse(1), waitTimer);
        this.leadScreen = new LeadScreen(tmux, Clock.systemUTC());
        this.notices = new NoticeDesk(session, store, tmux, board, care, leadScreen);
        mailbox.onSent(m -> {
            store.append(session.id(), new SessionEvent.MessageStored(m.id(), m.seq(), m.sender(), m.to(),
                    m.type().label()));
            if (m.recipientIds().contains(Mailbox.LEAD)) {
                board.mailForLead();
            }
            m.recipientIds().forEach(notices::consider);
        });
        board.watch(notices::workerChanged);
        board.watch(new RoleOutcomes(perspectives, mailbox)::workerChanged);
        this.team = new TeamChannel(session, store, tmux, board, care, mailbox, progress);
        this.memory = new MemoryDesk(session, context, team);
        this.desk = new IntegrationDesk(session, store, launcher, integration, verifier, board, context, progress,
                git, perspectives);
        this.spawner = new WorkerSpawner(session, store, git, launcher, integration, agents, maxWorkers, board, care,
                desk, context, progress, endings::revoke, perspectives);
        spawner.onDiskFull(verdict::pauseFor);
        this.plan = new PlanRunner(session, store, board, spawner, desk, mailbox, perspectives, progress);
        board.watch(plan::workerChanged);
        this.briefs = new BriefDesk(session, store, board, plan, desk.absorbed(), new LeadCompaction(session, store,
                tmux, leadScreen, leadActivity, Clock.systemUTC()));
        this.spending = new Spending(session, store, tmux, board, mailbox, verdict, integration.worktree());
        spawner.refuseWhen(spending::refusal);
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
        endings.tokensFrom(server);
    }

    /** {@link #serveWith}, and the lead's pane and profile (its prompt, its compaction), for what is typed into it. */
    void connect(ToolServer server, PaneRef lead, AgentProfile leadProfile) {
        serveWith(server);
        leadScreen.at(lead, leadProfile.markers());
        briefs.leadCompactsWith(leadProfile.compactCommand());
        plan.start();
        spending.start(lead);
    }

    /** The lead was started again: what its old self was told, or was about to be told, is told again. */
    void leadReplaced() {
        board.leadReplaced();
    }

    public LeadActivity leadActivity() {
        return leadActivity;
    }

    /** How the run ends: the lead's mark, a pause. */
    public GoalVerdict verdict() {
        return verdict;
    }

    /** Messages between the lead, the workers and the user. */
    public TeamChannel team() {
        return team;
    }

    /** How workers end: report_done, kill_worker, the goal's end. */
    public WorkerEndings endings() {
        return endings;
    }

    /** The session's workers as they stand: lists, waits, notes, last progress. */
    public WorkerBoard board() {
        return board;
    }

    /** spawn_worker, cross_review, the skills workers get. */
    public WorkerSpawner spawner() {
        return spawner;
    }

    /** merge_worker, verify, get_worker_diff. */
    public IntegrationDesk desk() {
        return desk;
    }

    /** send_message, read_inbox: messages between the lead and the workers. */
    public Mailbox mailbox() {
        return mailbox;
    }

    NoticeDesk notices() {
        return notices;
    }
    /** submit_plan, update_plan, get_plan, retry_task: the plan the engine runs. */
    public PlanRunner plan() {
        return plan;
    }

    /** The workers' roles: built-in and the project's ({@code [perspectives.NAME]} in config.toml). */
    public Perspectives perspectives() {
        return perspectives;
    }

    /** remember and recall. */
    public MemoryDesk memory() {
        return memory;
    }

    /** compact_session: the session's brief, and the lead CLI's own compaction. */
    public BriefDesk briefs() {
        return briefs;
    }

    /** The lead is in {@code pane} now. */
    void leadMoved(PaneRef pane) {
        leadScreen.moved(pane);
        spending.leadAt(pane);
    }

    /**
     * Loads a resumed session's workers (ids continue after the highest); nothing is watched yet. The
     * messages typed into their panes before are remembered, so their echo in the pane logs (read
     * again from the start) is not taken for the workers' own completion lines.
     */
    void restore(List<WorkerRecord> stored, List<EventRecord> events) {
        stored.forEach(board::restore);
        care.rememberTyped(events);
        desk.absorbed().restore(events);
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
        endings.finish(id, c);
    }

    /** Usage read by {@code meter}, priced with the project's prices; {@code caps} over the project's [budget]. */
    void measureWith(UsageMeter meter, Budget caps) {
        java.nio.file.Path project = java.nio.file.Path.of(session.project());
        spending.measureWith(new SessionUsage(meter, Prices.load(project)), Budget.of(project, caps.usd(), caps.tokens()));
    }

    /** The agents' tokens and cost, read from their records (nothing unless measured), and the budget. */
    public Spending spending() {
        return spending;
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

    /** A line for the user's terminal. */
    void report(String message) {
        progress.accept(message);
    }

    /** Stops watching the workers: from now on their agents' exits are not their outcome. */
    void stopWatching() {
        spending.close();
        plan.close();
        notices.close();
        briefs.close();
        spawner.close();
        care.shutdown();
    }

    /** What makes an agent of the roster quit when typed into its pane, if it has such a command. */
    Optional<String> exitCommandOf(String agentKey) {
        return agents.find(agentKey).map(a -> a.profile().exitCommand()).filter(c -> !c.isBlank());
    }

    void shutdown() {
        stopWatching();
        board.close();
        waitTimer.close();
        launcher.cleanUp();
    }
}
