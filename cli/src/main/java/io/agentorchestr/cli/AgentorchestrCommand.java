package io.agentorchestr.cli;

import io.agentorchestr.cli.command.DetectCommand;
import io.agentorchestr.cli.command.DoctorCommand;
import io.agentorchestr.cli.command.GoalCommand;
import io.agentorchestr.cli.command.ListSessionsCommand;
import io.agentorchestr.cli.command.ManualCommand;
import io.agentorchestr.cli.command.ResumeCommand;
import io.agentorchestr.core.error.AgentorchestrException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
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
            + "how MCP is injected), LLM keys and prerequisites.")
    boolean detect;

    @Option(names = "--doctor", order = 12, description = "Check tmux, git, Java, directories and agents; exit 0 "
            + "when healthy, 1 otherwise, with a fix for each failed check.")
    boolean doctor;

    @Option(names = "--list-sessions", order = 13, description = "List recent sessions, newest first, and whether "
            + "each can be resumed (and why not).")
    boolean listSessions;

    @Option(names = "--resume", paramLabel = "ID", order = 14, description = "Pick up a paused or crashed auto "
            + "session where it stopped, with its stored goal: adopts live panes, or relaunches the lead and "
            + "unfinished workers after a reboot.")
    String resume;

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

    @Override
    public Integer call() throws Exception {
        List<String> modes = new ArrayList<>();
        if (goalOptions.any()) {
            modes.add(goalOptions.goal != null ? "--goal" : goalOptions.goalFile != null ? "--goal-file"
                    : "--interactive");
        }
        if (manual) {
            modes.add("--manual");
        }
        if (detect) {
            modes.add("--detect");
        }
        if (doctor) {
            modes.add("--doctor");
        }
        if (listSessions) {
            modes.add("--list-sessions");
        }
        if (resume != null) {
            modes.add("--resume");
        }
        if (modes.size() > 1) {
            throw AgentorchestrException.usage(String.join(" and ", modes) + " cannot be combined; pass one of them");
        }
        if (!manual && manualOptions.task != null) {
            throw AgentorchestrException.usage("--task goes with --manual: agentorchestr --manual --task \"...\"");
        }
        if (modes.isEmpty()) {
            throw AgentorchestrException.usage("nothing to do; pass --goal \"...\", --manual --task \"...\", "
                    + "--resume ID, --detect, --doctor or --list-sessions (see --help)");
        }
        return switch (modes.get(0)) {
            case "--goal", "--goal-file", "--interactive" ->
                    new GoalCommand(context, spec, goalOptions, manualOptions, common).call();
            case "--manual" -> new ManualCommand(context, spec, manualOptions, common).call();
            case "--resume" -> new ResumeCommand(context, spec, resume, manualOptions, common).call();
            case "--detect" -> new DetectCommand(context, spec, common).call();
            case "--doctor" -> new DoctorCommand(context, spec, common).call();
            default -> new ListSessionsCommand(context, spec, common).call();
        };
    }
}
