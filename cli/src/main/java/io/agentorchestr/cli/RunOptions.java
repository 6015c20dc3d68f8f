package io.agentorchestr.cli;

import io.agentorchestr.core.attend.NotifyMode;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Options of a run (manual or auto): the task, the agents, where to start, the time limit, attaching, notices. */
public final class RunOptions {
    @Option(names = "--task", paramLabel = "TEXT", order = 20, description = "The task for --manual.")
    public String task;

    @Option(names = "--agents", paramLabel = "NAME", arity = "1..*", order = 21, split = ",",
            description = "Agents to use, in order of preference (see --detect). Default: the first installed "
                    + "agent CLI; the bundled demo agent only when named.")
    public List<String> agents = new ArrayList<>();

    @Option(names = "--base", paramLabel = "REF", order = 22,
            description = "Branch, tag or commit the worker starts from. Default: HEAD.")
    public String base;

    @Option(names = "--timeout", paramLabel = "DURATION", order = 23, converter = DurationConverter.class,
            description = "Give up after this long (90s, 30m, 2h, 1h30m). Default: no limit.")
    public Duration timeout;

    @Option(names = "--attach", negatable = true, order = 24, description = "Attach to the tmux session once it "
            + "exists (--no-attach: never). Default: attach when on a terminal.")
    public Boolean attach;

    @Option(names = "--budget", paramLabel = "USD", order = 32, description = "Auto mode: what the session may "
            + "spend, by the agents' own records (docs/cost.md). At 80 %% the lead is told; at 100 %% no new worker "
            + "starts, the agents are interrupted and the session pauses (exit 4): --resume ID --budget MORE goes on. "
            + "Default: [budget] usd in .agentorchestr/config.toml, else none.")
    public Double budgetUsd;

    @Option(names = "--token-budget", paramLabel = "N", order = 33, description = "As --budget, in tokens (in, "
            + "cache write, cache read and out together). Default: [budget] tokens, else none.")
    public Long tokenBudget;

    /** The caps given on the command line (the project's [budget] fills in the others). */
    public io.agentorchestr.core.cost.Budget budget() {
        return new io.agentorchestr.core.cost.Budget(budgetUsd, tokenBudget);
    }

    @Option(names = "--notify", paramLabel = "MODE", order = 31, converter = NotifyModeConverter.class,
            description = "Where to tell you when an agent asks, hangs or fails, or the goal ends: terminal (the bell "
                    + "and an OSC 9/777 notification on your tmux clients' terminals), desktop (notify-send), all, or "
                    + "none. [notify] commands and webhooks in config.toml run unless none. Default: all.")
    public NotifyMode notify = NotifyMode.ALL;
}
