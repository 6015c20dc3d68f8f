package io.agentorchestr.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options of auto mode: where the goal comes from, who leads, how many workers at once. */
public final class GoalOptions {
    @Option(names = "--goal", paramLabel = "TEXT", order = 1,
            description = "Auto mode: a lead agent plans the goal and spawns workers through MCP tools.")
    public String goal;

    @Option(names = "--goal-file", paramLabel = "PATH", order = 2, description = "Auto mode with the goal read "
            + "from a UTF-8 file.")
    public Path goalFile;

    @Option(names = "--interactive", order = 3, description = "Auto mode with a multi-line goal typed or pasted "
            + "at a prompt; end it with a line /end or Ctrl-D.")
    public boolean interactive;

    @Option(names = "--plan", paramLabel = "FILE", order = 4, description = "Auto mode with a plan you wrote: "
            + "a TOML file of [[task]] tables (id, task, perspective, agent, depends_on) that the engine runs, "
            + "each task once what it depends on is merged, while the lead supervises. Its goal = \"...\" is the "
            + "lead's goal.")
    public Path plan;

    @Option(names = "--draft-plan", order = 5, description = "With --goal or --goal-file: run nothing; print a "
            + "plan.toml for the goal, drafted by the model router's plan model (docs/router.md) and checked as "
            + "--plan checks it, to read, edit and run with --plan. Without a model key: the goal's lines as tasks.")
    public boolean draftPlan;

    @Option(names = "--lead", paramLabel = "NAME", order = 25, description = "The lead agent (it must be able to "
            + "lead: see --detect). Default: the first installed agent that can.")
    public String lead;

    @Option(names = "--max-workers", paramLabel = "N", order = 26, defaultValue = "5",
            description = "Workers running at once in auto mode (default ${DEFAULT-VALUE}).")
    public int maxWorkers;

    @Option(names = "--hung-after", paramLabel = "DURATION", order = 27, converter = DurationConverter.class,
            description = "A worker that prints nothing for this long (and is not at its prompt or asking for "
                    + "input) is hung, e.g. 5m, 90s. Default: [health] hung_after_s in .agentorchestr/config.toml, "
                    + "else 5m.")
    public java.time.Duration hungAfter;

    @Option(names = "--on-hung", paramLabel = "STEPS", order = 28, split = ",",
            description = "Recovery steps for a hung worker, in order, from nudge, interrupt, restart (e.g. "
                    + "nudge,restart); after the last it is failed and the lead is told. Default: [health] on_hung, "
                    + "else nudge,interrupt,restart.")
    public java.util.List<String> onHung;

    @Option(names = "--layout", paramLabel = "LAYOUT", order = 29, converter = LayoutConverter.class,
            description = "How the session's panes are arranged: main-horizontal (the lead on top, workers below), "
                    + "main-vertical (the lead on the left), tiled (all the same size) or windows (a window per "
                    + "agent). Default: [tmux] layout in .agentorchestr/config.toml, else main-horizontal.")
    public io.agentorchestr.core.tmux.PaneLayout.Kind layout;

    @Option(names = "--panes-per-window", paramLabel = "N", order = 30, description = "Panes a window holds (the "
            + "lead's included) before the next worker opens a window of its own, 1 to 16. Default: [tmux] "
            + "panes_per_window, else 5.")
    public Integer panesPerWindow;

    public boolean any() {
        return goal != null || goalFile != null || interactive;
    }
}
