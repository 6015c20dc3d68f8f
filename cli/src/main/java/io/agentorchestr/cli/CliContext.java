package io.agentorchestr.cli;

import io.agentorchestr.core.attend.Attention;
import io.agentorchestr.core.attend.NotifyConfig;
import io.agentorchestr.core.attend.NotifyMode;
import io.agentorchestr.core.agent.AgentDetector;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.agent.ConversationFinder;
import io.agentorchestr.core.agent.FirstRunDialogs;
import io.agentorchestr.core.agent.AgentRegistry;
import io.agentorchestr.core.agent.AgentSelection;
import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.config.AppPaths;
import io.agentorchestr.core.config.StoreConfig;
import io.agentorchestr.core.context.ProjectFiles;
import io.agentorchestr.core.memory.Memory;
import io.agentorchestr.cli.mcp.McpToolServer;
import io.agentorchestr.core.discovery.AgentCards;
import io.agentorchestr.core.discovery.AgentDiscovery;
import io.agentorchestr.core.discovery.AgentMatcher;
import io.agentorchestr.core.discovery.ExternalAgents;
import io.agentorchestr.core.discovery.JmdnsBrowser;
import io.agentorchestr.core.discovery.MdnsAddress;
import io.agentorchestr.core.discovery.MdnsBrowser;
import io.agentorchestr.core.discovery.TmuxPaneScan;
import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.doctor.Doctor;
import io.agentorchestr.core.worker.SkillCatalog;
import io.agentorchestr.skills.AllowedSigners;
import io.agentorchestr.skills.SkillMatcher;
import io.agentorchestr.skills.SkillSignatures;
import io.agentorchestr.skills.SkillStore;
import io.agentorchestr.core.doctor.LiveCheck;
import io.agentorchestr.core.goal.GoalResume;
import io.agentorchestr.core.goal.GoalRun;
import io.agentorchestr.core.goal.ToolServer;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.LocalGit;
import io.agentorchestr.core.git.Worktrees;
import io.agentorchestr.core.process.LocalProcessTable;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessTable;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.session.ManualRun;
import io.agentorchestr.core.session.Retention;
import io.agentorchestr.core.session.SessionCleanup;
import io.agentorchestr.core.session.Prerequisites;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.tmux.TmuxCli;
import io.agentorchestr.core.tmux.TmuxServer;
import io.agentorchestr.core.worker.WorkerLauncher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The composition root: builds the core's adapters from the environment, each on first use, so a
 * command that needs no store or detection (--version, --help) touches neither.
 */
public final class CliContext implements AutoCloseable {
    private final Map<String, String> env;
    private final ProcessRunner runner;
    private final ProcessTable processes = new LocalProcessTable();
    private AppPaths paths;
    private Tmux tmux;
    private Git git;
    private SqliteStateStore store;
    private AgentRegistry registry;
    private boolean requireSignedSkills;
    private java.util.Optional<io.agentorchestr.telemetry.OtelTelemetry> telemetry;
    private ModelRouters routers;

    public CliContext(Map<String, String> env) {
        this(env, new SystemProcessRunner());
    }

    /** With another process runner (a test records what is run through it). */
    public CliContext(Map<String, String> env, ProcessRunner runner) {
        this.env = Map.copyOf(env);
        this.runner = runner;
    }

    public Map<String, String> env() {
        return env;
    }

    public ProcessRunner runner() {
        return runner;
    }

    public AppPaths paths() {
        if (paths == null) {
            paths = AppPaths.fromEnvironment(env);
        }
        return paths;
    }

    public Tmux tmux() {
        if (tmux == null) {
            // One control-mode connection carries the session's tmux commands once it has a session;
            // AGENTORCHESTR_TMUX_CONTROL=0 runs each as a tmux process, as before it existed.
            TmuxServer server = TmuxServer.fromEnvironment(env);
            tmux = "0".equals(env.get("AGENTORCHESTR_TMUX_CONTROL")) ? new TmuxCli(runner, server)
                    : TmuxCli.overControlMode(runner, server);
        }
        return tmux;
    }

    public Git git() {
        if (git == null) {
            git = new LocalGit(runner);
        }
        return git;
    }

    public StateStore store() {
        if (store == null) {
            store = SqliteStateStore.open(paths().stateDb());
        }
        return store;
    }

    public AgentRegistry registry() {
        if (registry == null) {
            registry = AgentRegistry.load(paths().userAgentsFile());
        }
        return registry;
    }

    /** Detection searches PATH, then the distribution's bin directory (home of the demo agent). */
    public AgentDetector detector() {
        return new AgentDetector(runner, AgentDetector.searchPath(env.get("PATH"), distBin().stream().toList()));
    }

    /** The distribution's {@code bin/}, when this runs from one (its launcher sets agentorchestr.home). */
    private static java.util.Optional<Path> distBin() {
        return java.util.Optional.ofNullable(System.getProperty("agentorchestr.home")).map(h -> Path.of(h, "bin"));
    }

    public Prerequisites prerequisites() {
        return new Prerequisites(runner, tmux(), git());
    }

    public ManualRun manualRun() {
        followInTelemetry(line -> { });
        return new ManualRun(paths(), tmux(), git(), store(), prerequisites(),
                new AgentSelection(registry(), detector()), workerLauncher(), stopper(), runner)
                .withMemory(memories());
    }

    /** Memory notes: the full-text index in the data directory, and the user's notes for every project. */
    public ProjectFiles.MemorySource memories() {
        return new DataMemories(paths().data());
    }

    /** A project's memory, for --memory-search; close its index when done. */
    public Memory memory(Path projectRoot) {
        ProjectFiles.MemorySource source = memories();
        return new Memory(source.index(), projectRoot, source.globalDir());
    }

    /** A goal run that may spend at most {@code budget} (with the project's [budget] under it). */
    public GoalRun goalRun(Consumer<String> progress, NotifyMode notify, io.agentorchestr.core.cost.Budget budget) {
        followInTelemetry(progress);
        return new GoalRun(paths(), tmux(), git(), store(), runner, prerequisites(),
                new AgentSelection(registry(), detector()), workerLauncher(), toolServers(), stopper(),
                progress).withSkills(this::skills).withMemory(memories())
                .withSpending(() -> io.agentorchestr.core.cost.UsageMeter.fromEnvironment(env), budget)
                .withAttention(project -> Attention.of(notify, NotifyConfig.load(paths().config(), project), tmux(),
                        runner, env, project, progress));
    }

    /** --require-signed-skills was given (the project's config can ask for it too). */
    public void requireSignedSkills(boolean required) {
        this.requireSignedSkills = required;
    }

    /** The skills a session's workers can get: global ones and the project's, as the trust store judges them. */
    private SkillCatalog skills(Path project) {
        SkillStore store = new SkillStore(paths().data().resolve("skills"), project.resolve(".agentorchestr/skills"),
                new SkillSignatures(new AllowedSigners(paths().config().resolve("allowed_signers"))));
        boolean required = requireSignedSkills || ProjectConfig.load(project)
                .map(t -> Boolean.TRUE.equals(t.getBoolean("skills.require_signed"))).orElse(false);
        return new SkillMatcher(store, required);
    }

    /** The session's MCP server; its external-agent tools discover with the environment's settings. */
    private ToolServer.Factory toolServers() {
        return McpToolServer.factory(() -> externalAgents(List.of()), routers());
    }

    /** {@code --resume}: continues sessions of {@code run}'s kind. */
    public GoalResume goalResume(GoalRun run, Consumer<String> progress) {
        return new GoalResume(run, paths(), tmux(), git(), store(), prerequisites(),
                new AgentSelection(registry(), detector()), toolServers(), progress);
    }

    /** {@code --clean}: what ended sessions left behind. */
    public SessionCleanup cleanup() {
        return new SessionCleanup(store(), tmux(), git(), new Worktrees(git(), paths().worktrees()), stopper(),
                StoreConfig.keepDays(paths().config()));
    }

    /** {@code [store] keep_days} applied to the store ({@link Retention}). */
    public Retention retention() {
        return new Retention(store(), StoreConfig.keepDays(paths().config()));
    }

    /**
     * Discovery of agents outside sessions, and the way to drive them: shims' cards and mDNS records,
     * and panes of the tmux servers in {@code AGENTORCHESTR_DISCOVER_TMUX} (default: the user's default
     * server) plus {@code extraServers}. {@code AGENTORCHESTR_MDNS=0} turns mDNS browsing off;
     * {@code AGENTORCHESTR_MDNS_INTERFACE} browses another interface than loopback.
     */
    public ExternalAgents externalAgents(List<String> extraServers) {
        List<TmuxServer> servers = new ArrayList<>();
        String listed = env.getOrDefault("AGENTORCHESTR_DISCOVER_TMUX", "default");
        for (String name : (listed + "," + String.join(",", extraServers)).split(",")) {
            if (!name.isBlank()) {
                TmuxServer server = TmuxServer.named(name.strip());
                if (!servers.contains(server)) {
                    servers.add(server);
                }
            }
        }
        Function<TmuxServer, Tmux> tmuxOf = server -> new TmuxCli(runner, server);
        AgentMatcher matcher = new AgentMatcher(List.copyOf(registry().all()), processes, env.get("PATH"));
        Supplier<MdnsBrowser> mdns = "0".equals(env.get("AGENTORCHESTR_MDNS")) ? () -> MdnsBrowser.NONE
                : () -> JmdnsBrowser.start(MdnsAddress.resolve(env.get("AGENTORCHESTR_MDNS_INTERFACE")));
        AgentDiscovery discovery = new AgentDiscovery(AgentCards.of(env), mdns,
                new TmuxPaneScan(servers, tmuxOf, matcher));
        return new ExternalAgents(discovery, tmuxOf, key -> registry().find(key).map(p -> p.markers()));
    }

    /** Stops what a session still runs when it ends: agents and the helpers they started. */
    public AgentStopper stopper() {
        return new AgentStopper(tmux(), processes);
    }

    private WorkerLauncher workerLauncher() {
        return new WorkerLauncher(tmux(), git(), new Worktrees(git(), paths().worktrees()), store(),
                dialogs(), new ConversationFinder(runner()));
    }

    /** Where the agents keep the settings their first-run dialogs are answered in. */
    private FirstRunDialogs dialogs() {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        String claude = env.getOrDefault("CLAUDE_CONFIG_DIR", "");
        String codex = env.getOrDefault("CODEX_HOME", "");
        return new FirstRunDialogs(claude.isBlank() ? Path.of(home, ".claude.json") : Path.of(claude, ".claude.json"),
                codex.isBlank() ? Path.of(home, ".codex") : Path.of(codex));
    }

    /** {@code --doctor --live}: agents started in private tmux servers, 60 s each to reach their prompt. */
    public LiveCheck liveCheck() {
        return new LiveCheck(runner, socket -> new TmuxCli(runner, TmuxServer.atPath(socket, Path.of("/dev/null"))),
                dialogs(), processes, java.time.Duration.ofSeconds(60));
    }

    /** The doctor, checking {@code agents} as already detected (each probe starts the agent's CLI). */
    public Doctor doctor(List<DetectedAgent> agents) {
        return new Doctor(runner, tmux(), paths(), () -> agents, AgentDetector.searchPath(env.get("PATH"), List.of()),
                distBin());
    }

    /** The model routers, by project: the environment's keys under each project's [router]. */
    public ModelRouters routers() {
        if (routers == null) {
            routers = new ModelRouters(env, store());
        }
        return routers;
    }

    /** OpenTelemetry export of what this run's sessions do, when the OTEL_* variables ask for it. */
    private void followInTelemetry(Consumer<String> trouble) {
        if (telemetry == null) {
            telemetry = io.agentorchestr.telemetry.OtelTelemetry.fromEnvironment(env, store(),
                    io.agentorchestr.core.cost.UsageMeter.fromEnvironment(env), trouble);
        }
    }

    @Override
    public void close() {
        if (telemetry != null) {
            telemetry.ifPresent(io.agentorchestr.telemetry.OtelTelemetry::close);
        }
        if (store != null) {
            store.close();
        }
    }
}
