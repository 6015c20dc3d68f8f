package io.agentorchestr.cli;

import io.agentorchestr.cli.command.CleanCommand;
import io.agentorchestr.cli.command.DetectCommand;
import io.agentorchestr.cli.command.DoctorCommand;
import io.agentorchestr.cli.command.PauseCommand;
import io.agentorchestr.cli.command.DraftPlanCommand;
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
import io.agentorchestr.cli.command.CostCommand;
import io.agentorchestr.cli.command.ManualCommand;
import io.agentorchestr.cli.command.MessagesCommand;
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
            + "how MCP is injected), which model router keys are set and prerequisites.")
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
    MessageOptions messages = new MessageOptions();

    @Mixin
    CostOptions cost = new CostOptions();

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

    /** A mode: the flag that picks it, how it is used, whether it was given, and the command that runs it. */
    private record Mode(String flag, String usage, boolean given, Callable<Integer> command) {
    }

    /** An option that means something only with one mode: refused without it, saying how they go together. */
    private record Companion(String options, boolean given, String mode, boolean modeGiven, String example) {
        String refusal() {
            return options + (options.contains(" and ") ? " go" : " goes") + " with " + mode + ": " + example;
        }
    }

    /** The modes, one line each; exactly one may be given. */
    private List<Mode> modes() {
        String goalFlag = goalOptions.goal != null ? "--goal" : goalOptions.goalFile != null ? "--goal-file"
                : "--interactive";
        return List.of(
                new Mode(goalFlag, "--goal \"...\"", goalOptions.any(), () -> goalOptions.draftPlan
                        ? new DraftPlanCommand(context, spec, goalOptions, common).call()
                        : new GoalCommand(context, spec, goalOptions, manualOptions, common).call()),
                new Mode("--manual", "--manual --task \"...\"", manual,
                        () -> new ManualCommand(context, spec, manualOptions, common).call()),
                new Mode("--plan", "--plan FILE", goalOptions.plan != null,
                        () -> new GoalCommand(context, spec, goalOptions, manualOptions, common).call()),
                new Mode("--resume", "--resume ID", resume != null,
                        () -> new ResumeCommand(context, spec, resume, manualOptions, common).call()),
                new Mode("--pause", "--pause ID", pause != null,
                        () -> new PauseCommand(context, spec, common, pause).call()),
                new Mode("--messages", "--messages ID [--follow]", messages.messages != null,
                        () -> new MessagesCommand(context, spec, common, messages.messages, messages.follow).call()),
                new Mode("--cost", "--cost [ID] [--since D]", cost.cost != null,
                        () -> new CostCommand(context, spec, common, cost.cost, cost.since).call()),
                new Mode("--init", "--init", projectContext.init,
                        () -> new InitCommand(context, spec, common, projectContext.initForce).call()),
                new Mode("--memory-search", "--memory-search QUERY", projectContext.memorySearch != null,
                        () -> new MemorySearchCommand(context, spec, common, projectContext.memorySearch).call()),
                new Mode("--detect", "--detect", detect,
                        () -> new DetectCommand(context, spec, common).call()),
                new Mode("--doctor", "--doctor", doctor,
                        () -> new DoctorCommand(context, spec, common, live).call()),
                new Mode("--list-sessions", "--list-sessions", listSessions,
                        () -> new ListSessionsCommand(context, spec, common).call()),
                new Mode("--list-agents", "--list-agents", discovery.listAgents,
                        () -> new ListAgentsCommand(context, spec, common, discovery.tmuxServers).call()),
                new Mode("--dashboard", "--dashboard", dashboard.dashboard,
                        () -> new DashboardCommand(context, spec, common, dashboard).call()),
                new Mode("--skill-sign", "--skill-sign DIR --key KEY", skills.sign != null,
                        () -> new SkillSignCommand(context, spec, common, skills.sign, skills.key).call()),
                new Mode("--skill-verify", "--skill-verify NAME", skills.verify != null,
                        () -> new SkillVerifyCommand(context, spec, common, skills.verify).call()),
                new Mode("--skill-digest", "--skill-digest DIR", skills.digest != null,
                        () -> new SkillDigestCommand(context, spec, common, skills.digest).call()),
                new Mode("--skill-add", "--skill-add SOURCE", skills.add != null,
                        () -> new SkillAddCommand(context, spec, common, skills.add, skills.ref,
                        skills.requireSigned).call()),
                new Mode("--skill-list", "--skill-list", skills.list,
                        () -> new SkillListCommand(context, spec, common).call()),
                new Mode("--skill-update", "--skill-update NAME", skills.update != null,
                        () -> new SkillUpdateCommand(context, spec, common, skills.update, skills.requireSigned).call()),
                new Mode("--skill-remove", "--skill-remove NAME", skills.remove != null,
                        () -> new SkillRemoveCommand(context, spec, common, skills.remove).call()),
                new Mode("--trust-key", "--trust-key KEY.pub --principal NAME", skills.trustKey != null,
                        () -> new TrustKeyCommand(context, spec, common, skills.trustKey, skills.principal).call()),
                new Mode("--untrust", "--untrust NAME", skills.untrust != null,
                        () -> new UntrustCommand(context, spec, common, skills.untrust).call()),
                new Mode("--clean", "--clean ID...|--finished", clean.given(),
                        () -> new CleanCommand(context, spec, clean, common).call()));
    }

    /** The options that go with one mode only, one line each. */
    private List<Companion> companions() {
        return List.of(
                new Companion("--task", manualOptions.task != null, "--manual", manual,
                        "agentorchestr --manual --task \"...\""),
                new Companion("--init-force", projectContext.initForce, "--init", projectContext.init,
                        "agentorchestr --init --init-force"),
                new Companion("--live", live, "--doctor", doctor, "agentorchestr --doctor --live"),
                new Companion("--follow", messages.follow, "--messages", messages.messages != null,
                        "agentorchestr --messages ID --follow"),
                new Companion("--since", cost.since != null, "--cost", cost.cost != null,
                        "agentorchestr --cost --since 7d"),
                new Companion("--draft-plan", goalOptions.draftPlan, "--goal or --goal-file", goalOptions.goal != null
                        || goalOptions.goalFile != null, "agentorchestr --goal \"...\" --draft-plan > plan.toml"),
                new Companion("--budget and --token-budget", manualOptions.budgetUsd != null
                        || manualOptions.tokenBudget != null, "--goal, --plan or --resume", goalOptions.any()
                        || goalOptions.plan != null || resume != null, "agentorchestr --goal \"...\" --budget 5"),
                new Companion(clean.finished ? "--finished" : clean.dryRun ? "--dry-run" : "--force",
                        clean.finished || clean.dryRun || clean.force, "--clean", clean.given(),
                        "agentorchestr --clean --finished --dry-run"),
                new Companion("--key", skills.key != null, "--skill-sign", skills.sign != null,
                        "agentorchestr --skill-sign DIR --key ~/.ssh/id_ed25519"),
                new Companion("--ref", skills.ref != null, "--skill-add", skills.add != null,
                        "agentorchestr --skill-add SOURCE --ref v1.2"),
                new Companion("--principal", skills.principal != null, "--trust-key", skills.trustKey != null,
                        "agentorchestr --trust-key KEY.pub --principal NAME"),
                new Companion("--port, --bind and --new-token", dashboard.port != null || dashboard.bind != null
                        || dashboard.newToken, "--dashboard", dashboard.dashboard,
                        "agentorchestr --dashboard --port 3001"),
                new Companion("--tmux-server", !discovery.tmuxServers.isEmpty(), "--list-agents", discovery.listAgents,
                        "agentorchestr --list-agents --tmux-server NAME"));
    }

    /** Every mode's usage, from the modes' table: "--goal ..., ..., or --clean ...". */
    String usages() {
        List<String> all = modes().stream().map(Mode::usage).toList();
        return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    /** The modes' usages, one per line, for --help. */
    List<String> modeLines() {
        return modes().stream().map(m -> "  " + m.usage()).toList();
    }

    @Override
    public Integer call() throws Exception {
        List<Mode> given = modes().stream().filter(Mode::given).toList();
        if (given.size() > 1) {
            throw AgentorchestrException.usage(String.join(" and ", given.stream().map(Mode::flag).toList())
                    + " cannot be combined; pass one of them");
        }
        for (Companion c : companions()) {
            if (c.given() && !c.modeGiven()) {
                throw AgentorchestrException.usage(c.refusal());
            }
        }
        if (given.isEmpty()) {
            throw AgentorchestrException.usage("nothing to do; pass " + usages() + " (see --help)");
        }
        context.requireSignedSkills(skills.requireSigned);
        return given.get(0).command().call();
    }
}
