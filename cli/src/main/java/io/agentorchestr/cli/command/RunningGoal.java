package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.TmuxAttach;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.goal.GoalEnd;
import io.agentorchestr.core.goal.GoalOutcome;
import io.agentorchestr.core.goal.GoalRun;
import sun.misc.Signal;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A started goal (new or resumed) until it ends: attaching when wanted, Ctrl-C as pause (the first
 * one pauses, a second one forces the exit), SIGTERM/SIGHUP as pause too, then the report and the
 * exit code.
 */
final class RunningGoal {
    private static final long PAUSE_WAIT_S = 20;

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

    int run(Boolean attachWanted, boolean json) throws Exception {
        String session = started.session().tmuxSession();
        TmuxAttach attach = new TmuxAttach(context.tmux(), context.env());
        progress.accept("watch it with: " + attach.hint(session) + "; Ctrl-C pauses (resume with --resume "
                + started.session().id() + ")");
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean pausing = new AtomicBoolean();
        Signal.handle(new Signal("INT"), sig -> onInterrupt(pausing));
        Thread onExit = new Thread(() -> {
            if (ended.getCount() > 0 && started.supervisor().pause()) {
                awaitQuietly(ended);
            }
        }, "pause-on-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            GoalOutcome outcome;
            if (TmuxAttach.wanted(attachWanted)) {
                CompletableFuture<GoalOutcome> waiting = CompletableFuture.supplyAsync(() -> awaitThenDetach(session));
                attach.attach(session, err);
                outcome = waiting.get();
            } else {
                outcome = goalRun.await(started);
            }
            ended.countDown();
            new GoalReport(out, json, attach.hint(session)).print(outcome);
            return switch (outcome.end().kind()) {
                case DONE -> ExitCode.OK.code();
                case PAUSED -> ExitCode.INTERRUPTED.code();
                default -> ExitCode.GOAL_FAILED.code();
            };
        } finally {
            ended.countDown();
            Runtime.getRuntime().removeShutdownHook(onExit);
        }
    }

    /** First Ctrl-C: pause, which ends the wait normally with a report. Second: leave at once. */
    private void onInterrupt(AtomicBoolean pausing) {
        if (pausing.compareAndSet(false, true)) {
            err.println("agentorchestr: pausing session " + started.session().id() + " (workers and the lead keep "
                    + "running; Ctrl-C again to leave at once)");
            err.flush();
            started.supervisor().pause();
            return;
        }
        err.println("agentorchestr: leaving at once; session " + started.session().id() + " can be resumed with "
                + "--resume " + started.session().id());
        err.flush();
        Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
    }

    private static void awaitQuietly(CountDownLatch ended) {
        try {
            ended.await(PAUSE_WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
