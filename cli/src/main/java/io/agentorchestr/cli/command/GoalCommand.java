package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.GoalOptions;
import io.agentorchestr.cli.GoalSource;
import io.agentorchestr.cli.RunOptions;
import io.agentorchestr.cli.TmuxAttach;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.goal.GoalEnd;
import io.agentorchestr.core.goal.GoalOutcome;
import io.agentorchestr.core.goal.GoalRequest;
import io.agentorchestr.core.goal.GoalRun;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code --goal} / {@code --goal-file} / {@code --interactive}: auto mode with a lead and workers. */
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
        PrintWriter err = err();
        String text = GoalSource.read(goal, err);
        GoalRun goalRun = context.goalRun(this::progress);
        GoalRun.Started started = goalRun.start(new GoalRequest(text, run.agents, goal.lead, common.projectOrCwd(),
                run.base, run.timeout, goal.maxWorkers));
        String session = started.session().tmuxSession();
        TmuxAttach attach = new TmuxAttach(context.tmux(), context.env());
        progress("watch it with: " + attach.hint(session));

        AtomicBoolean finished = new AtomicBoolean();
        Thread onInterrupt = new Thread(() -> {
            if (finished.compareAndSet(false, true)) {
                goalRun.interrupt(started);
                err.println("agentorchestr: interrupted; session " + started.session().id() + " recorded as "
                        + "interrupted, tmux session " + session + " and all branches kept");
                err.flush();
                Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
            }
        }, "interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            GoalOutcome outcome;
            if (TmuxAttach.wanted(run.attach)) {
                CompletableFuture<GoalOutcome> waiting = CompletableFuture.supplyAsync(() -> awaitQuietly(goalRun,
                        started, session));
                attach.attach(session, err);
                outcome = waiting.get();
            } else {
                outcome = goalRun.await(started);
            }
            finished.set(true);
            new GoalReport(out(), common.json, attach.hint(session)).print(outcome);
            return switch (outcome.end().kind()) {
                case DONE -> ExitCode.OK.code();
                case INTERRUPTED -> ExitCode.INTERRUPTED.code();
                default -> ExitCode.GOAL_FAILED.code();
            };
        } finally {
            finished.set(true);
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        }
    }

    private GoalOutcome awaitQuietly(GoalRun goalRun, GoalRun.Started started, String session) {
        try {
            GoalOutcome o = goalRun.await(started);
            context.tmux().displayMessage(session, "agentorchestr: goal " + (o.end().kind() == GoalEnd.Kind.DONE
                    ? "done" : "ended: " + o.end().kind().name().toLowerCase()) + "; detaching in 3 s", 3000);
            Thread.sleep(3000);
            context.tmux().detachClients(session);
            return o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    private void progress(String message) {
        if (!common.quiet) {
            err().println("agentorchestr: " + message);
            err().flush();
        }
    }
}
