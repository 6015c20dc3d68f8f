package io.agentorchestr.core.monitor;

import io.agentorchestr.core.text.AnsiText;
import io.agentorchestr.core.model.WorkerState;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code WORKER_DONE:} / {@code WORKER_BLOCKED:} / {@code WORKER_FAILED:} lines in pane
 * output, tolerating TUI decoration around them (box borders, bullets, colours), and ignoring lines
 * that merely repeat the instructions of the worker's own prompt (agents echo their prompt).
 */
public final class OutputMarkers {
    private static final Pattern MARKER = Pattern.compile("WORKER_(DONE|BLOCKED|FAILED):[ \\t]*(.*)");
    /** Box drawing, block elements and plain frame characters a TUI draws at the right edge. */
    private static final Pattern TRAILING_DECORATION = Pattern.compile("[\\s\\u2500-\\u259F|`*]+$");

    private final Set<String> quotedFromPrompt;

    private OutputMarkers(Set<String> quotedFromPrompt) {
        this.quotedFromPrompt = quotedFromPrompt;
    }

    /** A scanner that ignores every marker line that occurs in {@code prompt}. */
    public static OutputMarkers ignoringQuotesOf(String prompt) {
        OutputMarkers markers = new OutputMarkers(ConcurrentHashMap.newKeySet());
        markers.ignoreQuotesIn(prompt);
        return markers;
    }

    /**
     * Also ignores the marker lines in {@code typed}: text agentorchestr or the lead typed into the
     * pane is echoed by the terminal, and only what the agent itself prints is its signal.
     */
    public void ignoreQuotesIn(String typed) {
        for (String line : AnsiText.strip(typed).split("\n")) {
            find(line).ifPresent(m -> quotedFromPrompt.add(key(m)));
            // A TUI that renders markdown shows the line without its backticks (Claude Code does).
            find(line.replace("`", "")).ifPresent(m -> quotedFromPrompt.add(key(m)));
        }
    }

    /** The marker on one line of (already ANSI-stripped) output, unless it only quotes the prompt. */
    public Optional<Marker> match(String line) {
        return find(line).filter(m -> !isQuote(m));
    }

    /**
     * Quoted text, the start of it, or it followed by more: a TUI wraps a long echoed line, so the
     * marker line seen may be cut short, or it redraws a paragraph as one line, so it may run on into
     * the next lines of the prompt. Either match must be distinctive enough (long, or a {@code <template>})
     * not to swallow a real report.
     */
    private boolean isQuote(Marker m) {
        String key = key(m);
        if (quotedFromPrompt.contains(key)) {
            return true;
        }
        return quotedFromPrompt.stream().anyMatch(q -> q.startsWith(key) && distinctive(key)
                || key.startsWith(q) && distinctive(q));
    }

    private static boolean distinctive(String key) {
        String summary = key.substring(key.indexOf(':') + 1);
        return summary.length() > MIN_PREFIX || summary.startsWith("<");
    }

    private static final int MIN_PREFIX = 12;

    private static Optional<Marker> find(String line) {
        Matcher m = MARKER.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        WorkerState state = switch (m.group(1)) {
            case "DONE" -> WorkerState.DONE;
            case "BLOCKED" -> WorkerState.BLOCKED;
            default -> WorkerState.FAILED;
        };
        String summary = TRAILING_DECORATION.matcher(m.group(2)).replaceAll("").strip();
        return Optional.of(new Marker(state, summary));
    }

    /**
     * Compares markers up to the first backtick: the prompt quotes its templates in backticks, and a
     * TUI may wrap or re-render the rest of the quoting line differently.
     */
    private static String key(Marker m) {
        String summary = m.summary();
        int tick = summary.indexOf('`');
        return m.state().label() + ":" + (tick < 0 ? summary : summary.substring(0, tick)).strip();
    }

    /** A completion marker found in output. */
    public record Marker(WorkerState state, String summary) {
    }
}
