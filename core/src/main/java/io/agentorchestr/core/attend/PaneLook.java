package io.agentorchestr.core.attend;

import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.time.Duration;

/**
 * What a worker's pane border says and how it is coloured: who works there, where it stands and
 * for how long. {@code style} is a tmux style ({@code fg=black,bg=yellow}).
 */
public record PaneLook(String text, String style) {

    /** The state a person cares about: a done worker whose work is merged is "merged". */
    public static String stateOf(WorkerRecord w) {
        return w.mergedCommit() != null ? "merged" : w.state().label();
    }

    public static PaneLook of(WorkerRecord w, Duration inState) {
        String state = stateOf(w);
        String text = w.id() + " · " + clean(w.perspective()) + " · " + clean(w.agent()) + " · " + state + " "
                + Elapsed.coarse(inState);
        return new PaneLook(text, styleOf(state));
    }

    /** Running green, waiting for input yellow, hung magenta, done blue, merged green on black, failed red. */
    static String styleOf(String state) {
        if ("merged".equals(state)) {
            return "fg=black,bg=green";
        }
        return switch (WorkerState.fromLabel(state)) {
            case STARTING, RUNNING -> "fg=green,bold";
            case WAITING -> "fg=black,bg=yellow,bold";
            case IDLE -> "fg=cyan";
            case HUNG -> "fg=black,bg=magenta,bold";
            case DONE -> "fg=blue,bold";
            case BLOCKED, FAILED, KILLED, TIMEOUT, ORPHANED -> "fg=white,bg=red,bold";
        };
    }

    /**
     * A name fit for a border: one line, no escapes, and no '#', which tmux would read as the start of
     * a format or a style.
     */
    static String clean(String s) {
        if (s == null || s.isBlank()) {
            return "-";
        }
        return TerminalText.firstLine(TerminalText.safe(s), 40).replace('#', ' ').strip();
    }
}
