package io.agentorchestr.cli;

import io.agentorchestr.cli.command.CleanCommand;
import io.agentorchestr.cli.command.DetectCommand;
import io.agentorchestr.cli.command.DoctorCommand;
import io.agentorchestr.cli.command.PauseCommand;
import io.agentorchestr.cli.command.GoalCommand;
import io.agentorchestr.cli.command.InitCommand;
import io.agentorchestr.cli.command.MemorySearchCommand;
import io.agentorchestr.cli.command.DashboardCommand;
import io.agentorchestr.cli.command.ListAgentsCommand;
import io.agentorchestr.cli.command.SkillAddCommand;
import io.agentorchestr.cli.command.SkillDigestCommand;
import io.agentorchestr.cli.command.SkillListCommand;
import io.agentorchestr.cli.command.SkillRemoveCommand;
import io.agentorchestr.cli.command.SkillUpdateCommand;
import io.agentorchestr.cli.command.SkillSignCommand;
import io.agentorchestr.cli.command.SkillVerifyCommand;
import io.agentorchestr.cli.command.TrustKeyCommand;
import io.agentorchestr.cli.command.UntrustCommand;
import io.agentorchestr.cli.command.ListSessionsCommand;
import io.agentorchestr.cli.command.ManualCommand;
import io.agentorchestr.cli.command.ResumeCommand;
import io.agentorchestr.core.error.AgentorchestrException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The root command. The user-facing contract is flags (as in the original tool), not subcommands, so
 * this class only parses and picks the mode; each mode is a thin command class in
 * {@code cli.command} that calls one core use case.
 */
@Command(name = "agentorchestr", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Run terminal coding agents in tmux panes, each on its own git worktree and branch.",
        footerHeading = "%nExit codes:%n")
public final class AgentorchestrCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    GoalOptions goalOptions = new GoalOptions();

    @Option(names = "--manual", order = 10, description = "One agent, one task, one worktree, no lead: start it, "
            + "wait for it to finish, report the outcome. Needs --task.")
    boolean manual;

    @Option(names = "--detect", order = 11, description = "Show installed agents (version, whether they can lead, "
            + "how MCP is injected), which LLM keys are set (not used yet) and prerequisites.")
    boolean detect;

    @Option(names = "--doctor", order = 12, description = "Check tmux, git, Java, directories, PATH and agents; "
            + "exit 0 when nothing FAILs (WARNs do not count), 1 otherwise, with a fix for each.")
    boolean doctor;

    @Option(names = "--live", order = 12, description = "With --doctor: start each installed agent in a new git "
            + "repository in a private tmux server and check that it reaches its input prompt with no blocking "
            + "screen (no model is called), then quit it.")
    boolean live;

    @Option(names = "--list-sessions", order = 13, description = "List recent sessions, newest first: status, "
            + "whether each can be resumed, project, workers, when, goal; fitted to the terminal. With --project: that "
            + "project's only; with --json: everything, and why a session cannot resume.")
    boolean listSessions;

    @Option(names = "--resume", paramLabel = "ID", order = 14, description = "Pick up a paused or crashed auto "
            + "session where it stopped, with its stored goal: adopts live panes, or relaunches the lead and "
            + "unfinished workers after a reboot.")
    String resume;

    @Option(names = "--pause", paramLabel = "ID", order = 14, description = "Pause a running session from any "
            + "shell, as Ctrl-C on the terminal that started it does (or F9 in its tmux session); --resume ID "
            + "continues it.")
    String pause;

    @Mixin
    ContextOptions projectContext = new ContextOptions();

    @Mixin
    DiscoveryOptions discovery = new DiscoveryOptions();

    @Mixin
    DashboardOptions dashboard = new DashboardOptions();

    @Mixin
    SkillOptions skills = new SkillOptions();

    @Mixin
    CleanOptions clean = new CleanOptions();

    @Mixin
    RunOptions manualOptions = new RunOptions();

    @Mixin
    CommonOptions common = new CommonOptions();

    public AgentorchestrCommand(CliContext context) {
        this.context = context;
    }

    boolean verbose() {
        return common.verbose;
    }

    /** A mode: the flag that picks it, whether it was given, and the command that runs it. */
    private record Mode(String flag, boolean given, Callable<Integer> command) {
    }

    /** The modes, one line each; exactly one may be given. */
    private List<Mode> modes() {
        String goalFlag = goalOptions.goal != null ? "--goal" : goalOptions.goalFile != null ? "--goal-file"
                : "--interactive";
        return List.of(
                new Mode(goalFlag, goalOptions.any(), () -> new GoalCommand(context, spec, goalOptions, manualOptions,
                        common).call()),
                new Mode("--manual", manual, () -> new ManualCommand(context, spec, manualOptions, common).call()),
                new Mode("--resume", resume != null, () -> new ResumeCommand(context, spec, resume, manualOptions,
                        common).call()),
                new Mode("--pause", pause != null, () -> new PauseCommand(context, spec, common, pause).call()),
                new Mode("--init", projectContext.init, () -> new InitCommand(context, spec, common,
                        projectContext.initForce).call()),
                new Mode("--memory-search", projectContext.memorySearch != null, () -> new MemorySearchCommand(context,
                        spec, common, projectContext.memorySearch).call()),
                new Mode("--detect", detect, () -> new DetectCommand(context, spec, common).call()),
                new Mode("--doctor", doctor, () -> new DoctorCommand(context, spec, common, live).call()),
                new Mode("--list-sessions", listSessions, () -> new ListSessionsCommand(context, spec, common).call()),
                new Mode("--list-agents", discovery.listAgents, () -> new ListAgentsCommand(context, spec, common,
                        discovery.tmuxServers).call()),
                new Mode("--dashboard", dashboard.dashboard, () -> new DashboardCommand(context, spec, common,
                        dashboard).call()),
                new Mode("--skill-sign", skills.sign != null, () -> new SkillSignCommand(context, spec, common,
                        skills.sign, skills.key).call()),
                new Mode("--skill-verify", skills.verify != null, () -> new SkillVerifyCommand(context, spec, common,
                        skills.verify).call()),
                new Mode("--skill-digest", skills.digest != null, () -> new SkillDigestCommand(context, spec, common,
                        skills.digest).call()),
                new Mode("--skill-add", skills.add != null, () -> new SkillAddCommand(context, spec, common,
                        skills.add, skills.ref, skills.requireSigned).call()),
                new Mode("--skill-list", skills.list, () -> new SkillListCommand(context, spec, common).call()),
                new Mode("--skill-update", skills.update != null, () -> new SkillUpdateCommand(context, spec, common,
                        skills.update, skills.requireSigned).call()),
                new Mode("--skill-remove", skills.remove != null, () -> new SkillRemoveCommand(context, spec, common,
                        skills.remove).call()),
                new Mode("--trust-key", skills.trustKey != null, () -> new TrustKeyCommand(context, spec, common,
                        skills.trustKey, skills.principal).call()),
                new Mode("--untrust", skills.untrust != null, () -> new UntrustCommand(context, spec, common,
                        skills.untrust).call()),
                new Mode("--clean", clean.given(), () -> new CleanCommand(context, spec, clean, common).call()));
    }

    @Override
    public Integer call() throws Exception {
        List<Mode> given = modes().stream().filter(Mode::given).toList();
        if (given.size() > 1) {
            throw AgentorchestrException.usage(String.join(" and ", given.stream().map(Mode::flag).toList())
                    + " cannot be combined; pass one of them");
        }
        if (!manual && manualOptions.task != null) {
            throw AgentorchestrException.usage("--task goes with --manual: agentorchestr --manual --task \"...\"");
        }
        if (projectContext.initForce && !projectContext.init) {
            throw AgentorchestrException.usage("--init-force goes with --init: agentorchestr --init --init-force");
        }
        if (live && !doctor) {
            throw AgentorchestrException.usage("--live goes with --doctor: agentorchestr --doctor --live");
        }
        if (!clean.given() && (clean.finished || clean.dryRun || clean.force)) {
            throw AgentorchestrException.usage((clean.finished ? "--finished" : clean.dryRun ? "--dry-run" : "--force")
                    + " goes with --clean: agentorchestr --clean --finished --dry-run");
        }
        if (skills.keyWithoutSign()) {
            throw AgentorchestrException.usage("--key goes with --skill-sign: agentorchestr --skill-sign DIR --key "
                    + "~/.ssh/id_ed25519");
        }
        if (skills.ref != null && skills.add == null) {
            throw AgentorchestrException.usage("--ref goes with --skill-add: agentorchestr --skill-add SOURCE --ref v1.2");
        }
        if (skills.principalWithoutKey()) {
            throw AgentorchestrException.usage("--principal goes with --trust-key: agentorchestr --trust-key "
                    + "KEY.pub --principal NAME");
        }
        if (dashboard.anyWithoutDashboard()) {
            throw AgentorchestrException.usage("--port, --bind and --new-token go with --dashboard: agentorchestr "
                    + "--dashboard --port 3001");
        }
        if (!discovery.listAgents && !discovery.tmuxServers.isEmpty()) {
            throw AgentorchestrException.usage("--tmux-server goes with --list-agents: agentorchestr --list-agents "
                    + "--tmux-server NAME");
        }
        if (given.isEmpty()) {
            throw AgentorchestrException.usage("nothing to do; pass --goal \"...\", --manual --task \"...\", "
                    + "--resume ID, --pause ID, --init, --memory-search QUERY, --detect, --doctor, --list-sessions, --list-agents, --dashboard or --clean (see --help)");
        }
        context.requireSignedSkills(skills.requireSigned);
        return given.get(0).command().call();
    }
}
