package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.GoalOptions;
import io.agentorchestr.cli.GoalSource;
import io.agentorchestr.core.goal.PlanFile;
import io.agentorchestr.core.worker.Perspectives;
import io.agentorchestr.cli.RunOptions;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.goal.GoalRequest;
import io.agentorchestr.core.goal.GoalRun;
import io.agentorchestr.core.health.HealthConfig;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.model.RecoveryStep;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --goal} / {@code --goal-file} / {@code --interactive}: auto mode with a lead and workers; and
 * {@code --plan FILE}: the same with a plan the engine runs from the start.
 */
public final class GoalCommand extends ModeCommand {
    private final GoalOptions goal;
    private final RunOptions run;

    public GoalCommand(CliContext context, CommandSpec spec, GoalOptions goal, RunOptions run, CommonOptions common) {
        super(context, spec, common);
        this.goal = goal;
        this.run = run;
    }

    @Override
    public Integer call() throws Exception {
        PlanFile plan = goal.plan == null ? null : PlanFile.load(goal.plan, Perspectives.load(projectRoot()));
        String text = plan != null ? plan.goalText(goal.plan) : GoalSource.read(goal, err());
        HealthPolicy health = health();
        try (PauseSignals signals = PauseSignals.install(err())) {
            ProgressLines lines = new ProgressLines(this::progress);
            GoalRun goalRun = context.goalRun(lines, run.notify, run.budget());
            GoalRun.Started started = goalRun.start(new GoalRequest(text, run.agents, goal.lead,
                    common.projectOrCwd(), run.base, run.timeout, goal.maxWorkers, health, goal.layout,
                    goal.panesPerWindow, plan == null ? java.util.List.of() : plan.tasks()));
            return new RunningGoal(context, goalRun, started, out(), err(), lines).run(run.attach,
                    common.json, signals);
        }
    }

    /** The project's policy with this run's --hung-after / --on-hung on top; null when neither is given. */
    private HealthPolicy health() {
        if (goal.hungAfter == null && goal.onHung == null) {
            return null;
        }
        HealthPolicy p = HealthConfig.load(common.projectOrCwd().toAbsolutePath().normalize());
        if (goal.hungAfter != null) {
            try {
                p = p.withHungAfter(goal.hungAfter);
            } catch (IllegalArgumentException e) {
                throw AgentorchestrException.usage("--hung-after: " + e.getMessage());
            }
        }
        if (goal.onHung != null) {
            try {
                p = p.withOnHung(goal.onHung.stream().map(RecoveryStep::parse).toList());
            } catch (IllegalArgumentException e) {
                throw AgentorchestrException.usage("--on-hung: " + e.getMessage());
            }
        }
        return p;
    }
}
