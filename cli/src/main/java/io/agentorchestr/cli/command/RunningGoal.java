package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.TmuxAttach;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.goal.GoalEnd;
import io.agentorchestr.core.goal.GoalOutcome;
import io.agentorchestr.core.goal.GoalRun;
import io.agentorchestr.core.session.SessionChrome;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A started goal (new or resumed) until it ends: the session's keys and status line, attaching when
 * wanted (and giving the user back at the end), Ctrl-C, SIGTERM and SIGHUP as pause
 * ({@link PauseSignals}), then the report and the exit code.
 */
final class RunningGoal {
    private final CliContext context;
    private final GoalRun goalRun;
    private final GoalRun.Started started;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ProgressLines progress;

    RunningGoal(CliContext context, GoalRun goalRun, GoalRun.Started started, PrintWriter out, PrintWriter err,
                ProgressLines progress) {
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
        Path dir = Path.of(started.session().sessionDir());
        Path log = dir.resolve("progress.log");
        SessionChrome chrome = new SessionChrome(context.tmux(), started.session());
        chrome.dressOrWarn(ProcessHandle.current().pid(), dir, log, progress);
        progress.into(log, chrome::show);
        progress.accept("watch it with: " + attach.hint(session) + "; Ctrl-C here, " + SessionChrome.PAUSE_KEY
                + " in the session or agentorchestr --pause " + started.session().id() + " pauses (resume with --resume "
                + started.session().id() + "); Ctrl-C in a pane goes to its agent");
        signals.armed(started.session().id(), () -> started.supervisor().verdict().pause());
        GoalOutcome outcome = TmuxAttach.wanted(attachWanted)
                ? new Attended(context.tmux(), attach, progress, err).watch(session, () -> goalRun.await(started),
                        o -> "goal " + (o.end().kind() == GoalEnd.Kind.DONE ? "done"
                                : "ended: " + o.end().kind().name().toLowerCase(java.util.Locale.ROOT)))
                : goalRun.await(started);
        new GoalReport(out, json, attach.hint(session)).print(outcome);
        pruneStore();
        return switch (outcome.end().kind()) {
            case DONE -> ExitCode.OK.code();
            case PAUSED -> ExitCode.INTERRUPTED.code();
            default -> ExitCode.GOAL_FAILED.code();
        };
    }

    /**
     * Old sessions' chatter goes after each goal, so a store nobody cleans stays bounded; after the
     * report, and never the goal's outcome: a failure here is one line on stderr.
     */
    private void pruneStore() {
        try {
            int dropped = context.retention().prune(java.time.Instant.now());
            if (dropped > 0) {
                progress.accept("store: " + dropped + " event(s) of sessions that ended more than [store] keep_days "
                        + "ago dropped (tool calls, progress, signals, messages, hook runs); what they did is kept");
            }
        } catch (RuntimeException e) {
            progress.accept("warning: old sessions' events were not pruned: " + e.getMessage());
        }
    }
}
