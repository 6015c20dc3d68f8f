package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.AgentLauncher;
import io.agentorchestr.core.agent.AgentSelection;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.agent.LaunchCommand;
import io.agentorchestr.core.agent.LaunchRequest;
import io.agentorchestr.core.agent.McpInjector;
import io.agentorchestr.core.config.AppPaths;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.Worktrees;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.session.Prerequisites;
import io.agentorchestr.core.session.SessionDirectories;
import io.agentorchestr.core.session.SessionEvent;
import io.agentorchestr.core.session.SessionIds;
import io.agentorchestr.core.session.SessionRecord;
import io.agentorchestr.core.session.SessionStatus;
import io.agentorchestr.core.store.StateStore;
import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.NewPane;
import io.agentorchestr.core.tmux.PanePlacer;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.PaneStatus;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.PromptDelivery;
import io.agentorchestr.core.worker.WorkerLauncher;
import io.agentorchestr.core.worker.WorkerState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The {@code --goal} use case: integration branch, MCP server, the lead in pane 0 with its MCP
 * configuration, then waiting until the lead marks the goal (or exits, or time runs out), and the
 * final record. Split in {@link #start} and {@link #await} so the caller can attach in between.
 */
public final class GoalRun {
    private static final long LEAD_CHECK_MS = 500;
    private static final java.time.Duration LEAD_TOOLS_TIMEOUT = java.time.Duration.ofSeconds(90);

    private final AppPaths paths;
    private final Tmux tmux;
    private final Git git;
    private final StateStore store;
    private final ProcessRunner runner;
    private final Prerequisites prerequisites;
    private final AgentSelection agents;
    private final WorkerLauncher launcher;
    private final ToolServer.Factory servers;
    private final Consumer<String> progress;

    public GoalRun(AppPaths paths, Tmux tmux, Git git, StateStore store, ProcessRunner runner,
                   Prerequisites prerequisites, AgentSelection agents, WorkerLauncher launcher,
                   ToolServer.Factory servers, Consumer<String> progress) {
        this.paths = paths;
        this.tmux = tmux;
        this.git = git;
        this.store = store;
        this.runner = runner;
        this.prerequisites = prerequisites;
        this.agents = agents;
        this.launcher = launcher;
        this.servers = servers;
        this.progress = progress;
    }

    /** A running goal: what to attach to and what to wait for. */
    public record Started(SessionRecord session, Supervisor supervisor, ToolServer server, Integration integration,
                          PaneRef leadPane, Path leadLog, McpInjector.Injection leadMcp, GoalRequest request,
                          Instant startedAt) {
    }

    public Started start(GoalRequest r) {
        if (r.goal() == null || r.goal().isBlank()) {
            throw AgentorchestrException.usage("the goal is empty; pass it with --goal \"...\", --goal-file PATH or "
                    + "--interactive");
        }
        if (r.maxWorkers() < 1) {
            throw AgentorchestrException.usage("--max-workers must be at least 1");
        }
        agents.resolve(r.agents());
        if (r.lead() != null) {
            agents.requireLeader(r.lead());
        }
        prerequisites.requireTmux();
        prerequisites.requireGit();
        Path repo = prerequisites.requireProject(r.project().toAbsolutePath().normalize());
        String base = prerequisites.requireBase(repo, r.base());
        DetectedAgent lead = agents.chooseLead(r.lead(), r.agents());
        List<DetectedAgent> roster = agents.roster(r.agents(), lead);

        String id = SessionIds.newId();
        Path sessionDir = new SessionDirectories(paths).create(id);
        Instant now = Instant.now();
        SessionRecord session = new SessionRecord(id, "auto", r.goal(), repo.toString(), lead.profile().key(),
                roster.stream().map(a -> a.profile().key()).toList(), SessionStatus.RUNNING, base,
                Integration.branchName(id), SessionIds.tmuxSessionName(id), tmux.server().describeCommand(), null,
                sessionDir.toString(), ProcessHandle.current().pid(), null, now, now, null);
        store.createSession(session);
        store.append(id, new SessionEvent.SessionStarted("auto", repo.toString(), base, lead.profile().key()));
        Integration integration = Integration.create(git, new Worktrees(git, paths.worktrees()), repo, id, base);
        Supervisor supervisor = new Supervisor(session, store, tmux, git, launcher, integration,
                new Verifier(runner), roster, r.maxWorkers(), progress);
        ToolServer server = servers.start(supervisor);
        session = session.withMcpPort(server.port());
        store.updateSession(session);
        progress.accept("session " + id + ": MCP server on 127.0.0.1:" + server.port() + ", lead "
                + lead.profile().key() + ", workers " + session.agents() + ", integration branch "
                + integration.branch());
        return launchLead(session, supervisor, server, integration, lead, r, now);
    }

    private Started launchLead(SessionRecord session, Supervisor supervisor, ToolServer server,
                               Integration integration, DetectedAgent lead, GoalRequest r, Instant now) {
        Path sessionDir = Path.of(session.sessionDir());
        Path repo = Path.of(session.project());
        String prompt = LeadPrompt.build(repo, integration.branch(), r.maxWorkers(), r.goal());
        Path promptFile = sessionDir.resolve("prompts/lead.md");
        Path log = sessionDir.resolve("logs/lead.log");
        write(promptFile, prompt);
        write(log, "");
        if (lead.profile().mcp().file() != null) {
            git.exclude(repo, "/" + lead.profile().mcp().file());
        }
        launcher.dialogs().preAccept(lead.profile(), List.of(integration.worktree()));
        McpInjector.Injection mcp = new McpInjector().inject(lead.profile(), server.leadAccess(), sessionDir,
                integration.worktree(), "lead");
        String agentSessionId = lead.profile().sessionIdArgs().isEmpty() ? null : UUID.randomUUID().toString();
        LaunchCommand launch = AgentLauncher.build(lead.profile(), lead.binary(),
                new LaunchRequest(true, promptFile, agentSessionId), mcp.args());
        String channel = "agentorchestr-go-" + session.id() + "-lead";
        Map<String, String> env = new LinkedHashMap<>(launch.env());
        env.putAll(mcp.env());
        env.put(GatedCommand.CHANNEL_ENV, channel);
        env.put(GatedCommand.PROMPT_FILE_ENV, promptFile.toString());
        env.put(GatedCommand.EXIT_FILE_ENV, WorkerLauncher.exitFile(log).toString());
        env.put("AGENTORCHESTR_SESSION_ID", session.id());
        PaneRef pane = new PanePlacer(tmux).openSession(session.tmuxSession(),
                new NewPane(GatedCommand.wrap(launch.argv()), integration.worktree(), env));
        tmux.setWindowOption(pane.id(), "remain-on-exit", "on");
        tmux.pipePaneTo(pane, log);
        supervisor.connect(workerId -> Optional.of(server.workerAccess(workerId)), pane);
        tmux.signalChannel(channel);
        if (launch.pastePrompt()) {
            deliverLeadPrompt(server, pane, lead, prompt);
        }
        progress.accept("lead (" + lead.profile().key() + ") started in pane " + pane.id() + " of tmux session "
                + session.tmuxSession());
        return new Started(session, supervisor, server, integration, pane, log, mcp, r, now);
    }

    /** The prompt goes in once the lead can use its tools and its input box is ready. */
    private void deliverLeadPrompt(ToolServer server, PaneRef pane, DetectedAgent lead, String prompt) {
        try {
            if (!server.awaitLeadTools(LEAD_TOOLS_TIMEOUT)) {
                progress.accept("the lead has not listed its MCP tools after " + LEAD_TOOLS_TIMEOUT.toSeconds()
                        + " s; giving it the goal anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        new PromptDelivery(tmux).deliverWhenReady(pane, lead.profile().markers(), prompt);
    }

    /** Waits until the lead marks the goal, the lead exits, or the goal's time runs out; then records it. */
    public GoalOutcome await(Started s) throws InterruptedException {
        Instant deadline = s.request().timeout() == null ? null : s.startedAt().plus(s.request().timeout());
        GoalEnd end = null;
        while (end == null) {
            try {
                end = s.supervisor().end().get(LEAD_CHECK_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                end = leadGone(s).orElse(null);
                if (end == null && deadline != null && Instant.now().isAfter(deadline)) {
                    end = new GoalEnd(GoalEnd.Kind.TIMEOUT, "the goal's time (" + s.request().timeout()
                            .toMinutes() + " min) ran out before the lead marked it");
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("goal verdict failed", e);
            }
        }
        return finish(s, end);
    }

    private Optional<GoalEnd> leadGone(Started s) {
        Optional<PaneStatus> status = tmux.paneStatus(s.leadPane());
        if (status.isPresent() && !status.get().dead()) {
            return Optional.empty();
        }
        Integer exit = GatedCommand.recordedExitStatus(WorkerLauncher.exitFile(s.leadLog()))
                .orElse(status.map(PaneStatus::deadStatus).orElse(null));
        return Optional.of(new GoalEnd(GoalEnd.Kind.LEAD_EXITED, "the lead exited"
                + (exit == null ? "" : " (status " + exit + ")") + " without marking the goal done or failed"));
    }

    /** Records an end that came from outside (Ctrl-C): the session stays as it is for inspection. */
    public GoalOutcome interrupt(Started s) {
        return finish(s, new GoalEnd(GoalEnd.Kind.INTERRUPTED, "interrupted before the goal was marked"));
    }

    private synchronized GoalOutcome finish(Started s, GoalEnd end) {
        // Their panes keep running for inspection; agentorchestr stops tracking them. An interrupted
        // session keeps them as they are, to be picked up again.
        switch (end.kind()) {
            case TIMEOUT -> s.supervisor().endUnfinished(WorkerState.TIMEOUT, "still running when the goal's time "
                    + "ran out");
            case INTERRUPTED -> { }
            default -> s.supervisor().endUnfinished(WorkerState.ORPHANED, "still running when the goal ended ("
                    + end.kind().name().toLowerCase() + ")");
        }
        s.supervisor().shutdown();
        s.server().close();
        McpInjector.cleanUp(s.leadMcp());
        s.integration().saveLocalChanges();
        SessionStatus status = switch (end.kind()) {
            case DONE -> SessionStatus.DONE;
            case INTERRUPTED -> SessionStatus.INTERRUPTED;
            default -> SessionStatus.FAILED;
        };
        SessionRecord ended = store.session(s.session().id()).orElse(s.session()).ended(status, end.summary());
        store.updateSession(ended);
        store.append(ended.id(), new SessionEvent.SessionEnded(status.label(), end.summary()));
        return new GoalOutcome(ended, end, s.integration().branch(), s.integration().worktree().toString(),
                store.workers(ended.id()), s.supervisor().lastVerify());
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot write " + file + ": " + e.getMessage()
                    + "; check free space and permissions of the state directory", e);
        }
    }
}
