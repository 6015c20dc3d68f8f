package io.agentorchestr.core.agent;

import java.util.List;
import java.util.Optional;

/** Screen text that tells an agent's state: busy working, waiting for an answer, idle at its input. */
public record ScreenMarkers(List<String> busy, List<String> waiting, List<String> idle) {
    /** Lines from the bottom where a busy line counts: a spinner sits just above the input box. */
    private static final int BUSY_LINES = 8;
    /** Lines from the bottom where an idle marker counts: further up is history. */
    private static final int IDLE_LINES = 3;
    /** How much of a waiting screen is quoted to whoever must answer it. */
    private static final int QUOTED_LINES = 8;

    /** Box-drawing characters TUIs frame their dialogs with. */
    private static final java.util.regex.Pattern BOX = java.util.regex.Pattern.compile("[\u2500-\u257f]");

    /** What a screen shows, as far as the markers tell. */
    public enum State { WAITING, BUSY, IDLE, UNKNOWN }

    public ScreenMarkers {
        busy = List.copyOf(busy);
        waiting = List.copyOf(waiting);
        idle = List.copyOf(idle);
    }

    public static boolean anyIn(List<String> markers, String screen) {
        return markers.stream().anyMatch(screen::contains);
    }

    /**
     * Classifies a rendered screen (ANSI already stripped). A question anywhere on it wins; then a busy
     * line near the bottom; then an input prompt at the very bottom (an earlier "working" line further
     * up is history).
     */
    public State classify(String screen) {
        return classify(screen, false);
    }

    /**
     * As {@link #classify(String)}; a screen that has not changed for a while ({@code settled}) shows no
     * running spinner or timer, so a busy line on it is stale and does not hide the prompt below it.
     */
    public State classify(String screen, boolean settled) {
        if (anyIn(waiting, screen)) {
            return State.WAITING;
        }
        if (!settled && anyIn(busy, lastLines(screen, BUSY_LINES))) {
            return State.BUSY;
        }
        if (anyIn(idle, lastLines(screen, IDLE_LINES))) {
            return State.IDLE;
        }
        return State.UNKNOWN;
    }

    /**
     * The question a waiting screen asks: from the line with the first waiting marker on, a few lines,
     * without the borders of the box it is drawn in.
     */
    public Optional<String> question(String screen) {
        List<String> lines = screen.lines().map(l -> BOX.matcher(l).replaceAll(" ").strip().replaceAll("\\s{2,}", " "))
                .filter(l -> !l.isEmpty()).toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (waiting.stream().anyMatch(line::contains)) {
                return Optional.of(String.join(" / ", lines.subList(i, Math.min(lines.size(), i + QUOTED_LINES))));
            }
        }
        return Optional.empty();
    }

    private static String lastLines(String screen, int n) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
