package io.agentorchestr.core.process;

import java.time.Duration;
import java.util.List;

/** What a finished (or timed-out) external process left behind. */
public record ExecResult(List<String> argv, int exitCode, String stdout, String stderr,
                         Duration duration, boolean timedOut) {

    public ExecResult {
        argv = List.copyOf(argv);
    }

    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** The last {@code lines} lines of stderr, for error messages. */
    public String stderrTail(int lines) {
        return tail(stderr, lines);
    }

    /** The argv for a message: each argument cut to 80 characters, NUL shown as \\0. */
    static String shortArgv(List<String> argv) {
        return String.join(" ", argv.stream().map(a -> {
            String shown = a.replace("\0", "\\0");
            return shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
        }).toList());
    }

    static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
    }
}
