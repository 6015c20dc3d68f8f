package io.agentorchestr.core.goal;

import io.agentorchestr.core.cost.Budget;
import io.agentorchestr.core.cost.UsageMeter;


import io.agentorchestr.core.config.LeadConfig;
import io.agentorchestr.core.context.VerifyCommands;
import io.agentorchestr.core.agent.AgentSelection;
import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.config.AppPaths;
import io.agentorchestr.core.attend.Attention;
import io.agentorchestr.core.attend.Audience;
import io.agentorchestr.core.attend.TeamView;
import io.agentorchestr.core.tmux.TmuxConfig;
import io.agentorchestr.core.tmux.PaneLayout;
import io.agentorchestr.core.context.ProjectFiles;
import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.Worktrees;
import io.agentorchestr.core.health.HealthConfig;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.session.Prerequisites;
import io.agentorchestr.core.session.RunLimits;
import io.agentorchestr.core.session.SessionDirectories;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionIds;
import io.agentorchestr.core.session.SessionLock;
import io.agentorchestr.core.session.SessionRefusal;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionRuntime;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.store.FailSoftStore;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.SkillCatalog;
import io.agentorchestr.core.worker.WorkerLauncher;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code --goal} use case: integration branch, MCP server, the lead in pane 0 with its MCP
 * configuration, then waiting until the lead marks the goal (or exits, or time runs out), and the
 * final record. Split in {@link #start} and {@link #await} so the caller can attach in between.
 */
public final class GoalRun {
    private static final long LEAD_CHECK_MS = 500;

    private final AppPaths paths;
    private final Tmux tmux;
    private final Git git;
    private final StateStore store;
    private final ProcessRunner runner;
    private final Prerequisites prerequisites;
    private final AgentSelection agents;
    private final WorkerLauncher launcher;
    private final ToolServer.Factory servers;
    private final AgentStopper stopper;
    private final Consumer<String> progress;
    private volatile Function<Path, SkillCatalog> skills = project -> SkillCatalog.NONE;
    private volatile ProjectFiles.MemorySource memories = ProjectFiles.MemorySource.NONE;
    private volatile java.util.function.Supplier<UsageMeter> meters = () -> UsageMeter.NONE;
    private volatile Budget budget = Budget.NONE;
    private volatile Function<Path, Attention> attentions = project -> Attention.none();
    /** What the session's background work writes through: a failed write is reported, not fatal. */
    private final FailSoftStore live;
    private final GoalEnding ending;
    private volatile String lastLeadTrouble;

    public GoalRun(AppPaths paths, Tmux tmux, Git git, StateStore store, ProcessRunner runner,
                   Prerequisites prerequisites, AgentSelection agents, WorkerLauncher launcher,
                   ToolServer.Factory servers, AgentStopper stopper, Consumer<String> progress) {
        this.paths = paths;
        this.tmux = tmux;
        this.git = git;
        this.store = store;
        this.runner = runner;
        this.prerequisites = prerequisites;
        this.agents = agents;
        this.launcher = launcher;
        this.servers = servers;
        this.stopper = stopper;
        this.progress = progress;
        this.live = new FailSoftStore(store, progress);
        this.ending = new GoalEnding(store, live, stopper, progress);
    }

    /** Where workers' skills come from: the installed skills, global and the project's (none unless set). */
    public GoalRun withSkills(Function<Path, SkillCatalog> catalog) {
        this.skills = catalog;
        return this;
    }

    /** How the person is called when they are needed, for a session in a project (nobody unless set). */
    public GoalRun withAttention(Function<Path, Attention> attention) {
        this.attentions = attention;
        return this;
    }

    /** How agents' usage is read, and what this run may spend over the project's [budget] (nothing unless set). */
    public GoalRun withSpending(java.util.function.Supplier<UsageMeter> usage, Budget caps) {
        this.meters = usage;
        this.budget = caps;
        return this;
    }

    /** Where sessions' memory is indexed and the user's global notes are (none unless set). */
    public GoalRun withMemory(ProjectFiles.MemorySource source) {
        this.memories = source;
        return this;
    }

    /** A running goal: what to attach to and what to wait for. The lock is held until it ends or pauses. */
    public record Started(SessionRecord session, Supervisor supervisor, ToolServer server, Integration integration,
                          LeadWatch lead, SessionRuntime runtime, Instant startedAt, SessionLock lock,
                          Audience audience) {
        public PaneRef leadPane() {
            return lead.current().pane();
        }
    }

    public Started start(GoalRequest r) {
        RunLimits.text("the goal", "--goal \"...\", --goal-file PATH or --interactive", r.goal());
        RunLimits.maxWorkers(r.maxWorkers());
        RunLimits.timeout(r.timeout());
        agents.resolve(r.agents());
        if (r.lead() != null) {
            agents.requireLeader(r.lead());
        }
        prerequisites.requireTmux();
        prerequisites.requireGit();
        Path repo = prerequisites.requireProject(r.project().toAbsolutePath().normalize());
        String base = prerequisites.requireBase(repo, r.base());
        HealthPolicy policy = r.health() != null ? r.health() : HealthConfig.load(repo);
        LeadConfig.toolsTimeout(repo);  // a bad [lead] setting is refused before anything starts
        ProjectFiles files = ProjectFiles.load(paths.config(), repo);  // so is a bad hooks file
        Attention attention = attention(repo);  // and a bad [notify] table
        PaneLayout layout = TmuxConfig.layout(repo, r.layout(), r.panesPerWindow());  // and a bad layout
        VerifyCommands.load(repo);  // and a bad [verify] table, not only once verify runs
        DetectedAgent lead = agents.chooseLead(r.lead(), r.agents());
        List<DetectedAgent> roster = agents.roster(r.agents(), lead);
        // Warnings only once nothing can refuse the run: a warning above a fatal error is noise.
        prerequisites.checkoutWarnings(repo, base).forEach(progress);

        String id = SessionIds.newId();
        Path sessionDir = new SessionDirectories(paths).create(id);
        SessionDirectories.saveGoal(sessionDir, r.goal());
        layout.save(sessionDir);
        SessionLock lock = SessionLock.acquire(sessionDir, id);
        Instant now = Instant.now();
        SessionRecord session = new SessionRecord(id, "auto", r.goal(), repo.toString(), lead.profile().key(),
                roster.stream().map(a -> a.profile().key()).toList(), SessionStatus.RUNNING, base,
                Integration.branchName(id), SessionIds.tmuxSessionName(id), tmux.server().describeCommand(), null,
                sessionDir.toString(), ProcessHandle.current().pid(), null, now, now, null);
        store.createSession(session);
        SessionRuntime runtime = new SessionRuntime(id, null, null, 0, r.maxWorkers(), r.timeout(), policy);
        store.saveRuntime(runtime);
        store.append(id, new SessionEvent.SessionStarted("auto", repo.toString(), base, lead.profile().key()));
        SessionContext context = context(files, id);
        Map<String, Object> starting = new LinkedHashMap<>();
        starting.put("goal", r.goal());
        starting.put("lead", lead.profile().key());
        starting.put("agents", session.agents());
        starting.put("base_commit", base);
        starting.put("max_workers", r.maxWorkers());
        starting.put("timeout_s", r.timeout() == null ? null : r.timeout().toSeconds());
        SessionRefusal.refuseIfVetoed(store, session, context, starting, lock);
        ToolServer server = null;
        try {
            Integration integration = Integration.create(git, new Worktrees(git, paths.worktrees()), repo, id, base);
            Supervisor supervisor = supervisor(session, integration, roster, runtime, context);
            PlanFile.submit(supervisor, r.plan());
            server = servers.start(supervisor, ToolServer.Binding.FRESH);
            session = session.withMcpPort(server.port());
            store.updateSession(session);
            progress.accept("session " + id + ": MCP server on 127.0.0.1:" + server.port() + ", lead "
                    + lead.profile().key() + ", workers " + session.agents() + ", integration branch "
                    + integration.branch());
            LeadWatch watch = leadWatch(session, lead, server, supervisor, integration);
            watch.launchFirst(LeadPrompt.build(context.preamble().text(), integration.branch(), r.maxWorkers(),
                    r.goal(), null, supervisor.spawner().skills().available(), server.leadTools(), supervisor.perspectives()));
            watch.connectTo(supervisor, server);
            stopFinished(session, supervisor);
            return new Started(session, supervisor, server, integration, watch, runtime, now, lock,
                    audience(session, supervisor, watch, attention));
        } catch (RuntimeException e) {
            // Whatever stopped the start (a git hook, git-lfs missing, the lead's pane), the session ends
            // failed with the reason: never "running" for good with nothing behind it.
            if (server != null) {
                server.close();
            }
            if (tmux.hasSession(session.tmuxSession())) {
                tmux.killSession(session.tmuxSession());
            }
            SessionRefusal.refuse(store, session, context, "the session did not start: " + e.getMessage(), lock);
            throw e;
        }
    }

    Supervisor supervisor(SessionRecord session, Integration integration, List<DetectedAgent> roster,
                          SessionRuntime runtime, SessionContext context) {
        Supervisor s = new Supervisor(session, live, tmux, git, launcher, integration, new Verifier(runner), roster,
                runtime.maxWorkers(), runtime.health(), context, progress);
        live.onDiskFull(s.verdict()::pauseFor);
        s.spawner().useSkills(skills.apply(Path.of(session.project())));
        s.measureWith(meters.get(), budget);
        s.spawner().skills().refused().forEach(r -> progress.accept("warning: skill refused, no worker will get it: " + r));
        return s;
    }

    /** The session's preamble and hooks; every hook run goes to its event log. */
    SessionContext context(ProjectFiles files, String sessionId) {
        return files.forSession(sessionId, "auto", runner, live, memories, progress);
    }

    LeadWatch leadWatch(SessionRecord session, DetectedAgent lead, ToolServer server, Supervisor supervisor,
                        Integration integration) {
        return new LeadWatch(session, live, tmux, new LeadLauncher(tmux, git, launcher.dialogs(),
                launcher.conversations(), progress), lead,
                server, supervisor, integration.worktree());
    }

    /** How the person is called for a session in {@code project} (a bad [notify] table is refused here). */
    Attention attention(Path project) {
        return attentions.apply(project);
    }

    /** The session's pane borders, team counts and notices, kept up to date from the workers' changes. */
    Audience audience(SessionRecord session, Supervisor supervisor, LeadWatch lead, Attention attention) {
        TeamView view = new TeamView(tmux, session.tmuxSession(), supervisor.board()::all, session.createdAt(),
                Clock.systemUTC()).start();
        Audience audience = new Audience(session.id(), session.tmuxSession(), view, attention);
        supervisor.watchWorkers(audience::workerChanged);
        lead.tellTo(audience::lead);
        return audience;
    }

    /** Each worker's agent is stopped once the worker has finished ({@link FinishedAgents}). */
    void stopFinished(SessionRecord session, Supervisor supervisor) {
        supervisor.stopFinishedAgents(new FinishedAgents(session, live, stopper, supervisor::exitCommandOf));
    }

    /** Waits until the lead marks the goal, the lead is gone for good, or the goal's time runs out; then records it. */
    public GoalOutcome await(Started s) throws InterruptedException {
        Instant deadline = s.runtime().timeout() == null ? null : s.startedAt().plus(s.runtime().timeout());
        GoalEnd end = null;
        while (end == null) {
            try {
                end = s.supervisor().verdict().future().get(LEAD_CHECK_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                end = checkLead(s);
                if (end == null && deadline != null && Instant.now().isAfter(deadline)) {
                    long seconds = s.runtime().timeout().toSeconds();
                    end = new GoalEnd(GoalEnd.Kind.TIMEOUT, "the goal's time (" + (seconds < 120 ? seconds + " s"
                            : seconds / 60 + " min") + ") ran out before the lead marked it");
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("goal verdict failed", e);
            }
        }
        return ending.finish(s, end);
    }

    /** The lead's health; a check that fails (tmux busy, a file gone) is reported, and the goal goes on. */
    private GoalEnd checkLead(Started s) {
        try {
            return s.lead().check(s.runtime().health().hungAfter()).orElse(null);
        } catch (RuntimeException e) {
            String problem = "cannot check on the lead (" + e.getMessage() + "); trying again";
            if (!problem.equals(lastLeadTrouble)) {
                lastLeadTrouble = problem;
                progress.accept(problem);
            }
            return null;
        }
    }

    /**
     * Ctrl-C: the orchestrator steps away and everything else stays as it is (lead, workers, panes,
     * worktrees), recorded as paused, to be picked up with --resume.
     */
    public GoalOutcome pause(Started s) {
        return ending.finish(s, new GoalEnd(GoalEnd.Kind.PAUSED, "paused by the user; continue with agentorchestr --resume "
                + s.session().id()));
    }
}
