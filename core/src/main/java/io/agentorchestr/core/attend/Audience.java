package io.agentorchestr.core.attend;

import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The person in front of a running goal: what they see (the {@link TeamView}) and when they are
 * called ({@link Attention}): a worker that starts waiting for input, is judged hung, or fails or is
 * blocked; the lead when it does; the goal's end.
 */
public final class Audience implements AutoCloseable {
    private final String sessionId;
    private final String tmuxSession;
    private final TeamView view;
    private final Attention attention;
    private final Map<String, WorkerState> last = new HashMap<>();
    private volatile boolean ending;

    public Audience(String sessionId, String tmuxSession, TeamView view, Attention attention) {
        this.sessionId = sessionId;
        this.tmuxSession = tmuxSession;
        this.view = view;
        this.attention = attention;
    }

    /** A worker changed (on the engine's thread): shown at once, and told when it needs the person. */
    public void workerChanged(WorkerRecord w) {
        view.changed();
        WorkerState before;
        synchronized (last) {
            before = last.put(w.id(), w.state());
        }
        if (before == w.state() || ending) {
            return;
        }
        String why = w.summary() == null || w.summary().isBlank() ? "" : ": " + TerminalText.firstLine(w.summary(), 200);
        switch (w.state()) {
            case WAITING -> tell(Notice.Kind.QUESTION, w.id(), w.id() + " waits for input" + why);
            case HUNG -> tell(Notice.Kind.HUNG, w.id(), w.id() + " is hung" + why);
            case FAILED, BLOCKED, TIMEOUT -> tell(Notice.Kind.FAILED, w.id(), w.id() + " " + w.state().label() + why);
            default -> { }
        }
    }

    /** The goal is ending: the workers' last changes (stopped, orphaned, out of time) are the end's, told once by it. */
    public void goalEnding() {
        ending = true;
    }

    /** The lead needs the person: it asks, or it is hung or gone. */
    public void lead(Notice.Kind kind, String text) {
        tell(kind, "lead", text);
    }

    /** The goal ended (not paused: the person paused it), with its status and summary. */
    public void goalEnded(String status, String summary) {
        tell(Notice.Kind.GOAL_ENDED, null, "goal " + status + ": " + TerminalText.firstLine(summary, 200));
    }

    private void tell(Notice.Kind kind, String who, String text) {
        attention.tell(new Notice(kind, sessionId, tmuxSession, who, text, Instant.now()));
    }

    /** Shows the final states, and lets the last notices go out (a few seconds at most). */
    @Override
    public void close() {
        view.close();
        attention.close(Duration.ofSeconds(3));
    }
}
