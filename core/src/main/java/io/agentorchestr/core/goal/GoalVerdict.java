package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * How a goal's run ends, decided once: the lead marks it done or failed, the user pauses it, a full
 * disk or a vanished tmux session pauses it. Whichever comes first is the verdict.
 */
public final class GoalVerdict {
    private final SessionRecord session;
    private final StateStore store;
    private final Consumer<String> progress;
    private final CompletableFuture<GoalEnd> end = new CompletableFuture<>();

    GoalVerdict(SessionRecord session, StateStore store, Consumer<String> progress) {
        this.session = session;
        this.store = store;
        this.progress = progress;
    }

    CompletableFuture<GoalEnd> future() {
        return end;
    }

    /** mark_goal_done / mark_goal_failed: the lead's verdict, taken once. */
    public String mark(boolean done, String text) {
        GoalEnd verdict = new GoalEnd(done ? GoalEnd.Kind.DONE : GoalEnd.Kind.FAILED, text);
        if (!end.complete(verdict)) {
            throw new ToolError("the goal was already marked " + end.join().kind().name().toLowerCase());
        }
        store.append(session.id(), new SessionEvent.GoalMarked(done ? "done" : "failed", text));
        return "goal marked " + (done ? "done" : "failed") + "; agentorchestr is writing the final report";
    }

    /** The tmux session went (kill-server, a reboot): the run pauses, the workers stay unfinished. */
    void tmuxGone() {
        end.complete(tmuxGoneEnd());
    }

    GoalEnd tmuxGoneEnd() {
        return new GoalEnd(GoalEnd.Kind.PAUSED, "the tmux session " + session.tmuxSession() + " disappeared (tmux "
                + "kill-server or a reboot); continue with agentorchestr --resume " + session.id());
    }

    /**
     * The run ends as paused for {@code reason} (a full disk): the lead, workers and panes carry on,
     * and --resume continues once the cause is gone.
     */
    public boolean pauseFor(String reason) {
        boolean paused = end.complete(new GoalEnd(GoalEnd.Kind.PAUSED, reason + "; the agents keep running: "
                + "free space, then continue with agentorchestr --resume " + session.id()));
        if (paused) {
            progress.accept("pausing: " + reason);
        }
        return paused;
    }

    /** The run ends as paused with {@code summary} (which says how to go on); false if it had already ended. */
    boolean pauseWith(String summary) {
        boolean paused = end.complete(new GoalEnd(GoalEnd.Kind.PAUSED, summary));
        if (paused) {
            progress.accept("pausing: " + summary);
        }
        return paused;
    }

    /** Ctrl-C: the run ends as paused (the lead, workers and panes carry on); false if it had already ended. */
    public boolean pause() {
        return end.complete(new GoalEnd(GoalEnd.Kind.PAUSED, "paused by the user; continue with agentorchestr "
                + "--resume " + session.id()));
    }
}
