package io.agentorchestr.core.tmux;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tmux version as printed by {@code tmux -V} ("tmux 3.3a", "tmux next-3.5", "tmux master"). */
public record TmuxVersion(int major, int minor, String raw) implements Comparable<TmuxVersion> {
    public static final TmuxVersion MINIMUM = new TmuxVersion(3, 2, "3.2");
    private static final Pattern NUMBER = Pattern.compile("(\\d+)\\.(\\d+)");

    /** Parses {@code tmux -V} output; development builds ("master") count as new enough. */
    public static Optional<TmuxVersion> parse(String output) {
        String text = output.strip();
        Matcher m = NUMBER.matcher(text);
        if (m.find()) {
            return Optional.of(new TmuxVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), text));
        }
        if (text.contains("master")) {
            return Optional.of(new TmuxVersion(Integer.MAX_VALUE, 0, text));
        }
        return Optional.empty();
    }

    public boolean atLeast(TmuxVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(TmuxVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }
}
