package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.TmuxAttach;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.goal.GoalEnd;
import io.agentorchestr.core.goal.GoalOutcome;
import io.agentorchestr.core.goal.GoalRun;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A started goal (new or resumed) until it ends: attaching when wanted, Ctrl-C, SIGTERM and SIGHUP as
 * pause ({@link PauseSignals}), then the report and the exit code.
 */
final class RunningGoal {
    private final CliContext context;
    private final GoalRun goalRun;
    private final GoalRun.Started started;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Consumer<String> progress;

    RunningGoal(CliContext context, GoalRun goalRun, GoalRun.Started started, PrintWriter out, PrintWriter err,
                Consumer<String> progress) {
        this.context = context;
        this.goalRun = goalRun;
        this.started = started;
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    int run(Boolean attachWanted, boolean json, PauseSignals signals) throws Exception {
        String session = started.session().tmuxSession();
        TmuxAttach attach = new TmuxAttach(context.tmux(), context.env());
        progress.accept("watch it with: " + attach.hint(session) + "; Ctrl-C pauses (resume with --resume "
                + started.session().id() + ")");
        signals.armed(started.session().id(), () -> started.supervisor().pause());
        GoalOutcome outcome;
        if (TmuxAttach.wanted(attachWanted)) {
            CompletableFuture<GoalOutcome> waiting = CompletableFuture.supplyAsync(() -> awaitThenDetach(session));
            attach.attach(session, err);
            outcome = waiting.get();
        } else {
            outcome = goalRun.await(started);
        }
        new GoalReport(out, json, attach.hint(session)).print(outcome);
        return switch (outcome.end().kind()) {
            case DONE -> ExitCode.OK.code();
            case PAUSED -> ExitCode.INTERRUPTED.code();
            default -> ExitCode.GOAL_FAILED.code();
        };
    }

    private GoalOutcome awaitThenDetach(String session) {
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
}
