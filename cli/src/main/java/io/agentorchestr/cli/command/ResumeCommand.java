package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.RunOptions;
import io.agentorchestr.core.goal.GoalRun;
import io.agentorchestr.core.session.RunLimits;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --resume ID}: picks a paused or crashed auto session up and runs it to its end. */
public final class ResumeCommand extends ModeCommand {
    private final String sessionId;
    private final RunOptions run;

    public ResumeCommand(CliContext context, CommandSpec spec, String sessionId, RunOptions run, CommonOptions common) {
        super(context, spec, common);
        this.sessionId = sessionId;
        this.run = run;
    }

    @Override
    public Integer call() throws Exception {
        RunLimits.timeout(run.timeout);
        try (PauseSignals signals = PauseSignals.install(err())) {
            ProgressLines lines = new ProgressLines(this::progress);
            GoalRun goalRun = context.goalRun(lines, run.notify, run.budget());
            GoalRun.Started started = context.goalResume(goalRun, lines).resume(sessionId.strip(),
                    run.timeout);
            return new RunningGoal(context, goalRun, started, out(), err(), lines).run(run.attach,
                    common.json, signals);
        }
    }
}
