package io.agentorchestr.core.attend;

import java.time.Duration;

/** A duration as a border or status line shows it: 45s, 12m, 2h05m. */
final class Elapsed {
    private Elapsed() {
    }

    /**
     * For a pane border: as {@link #of}, but the first minute in steps of 15 s. Every worker's border is
     * written again each time its text changes; a second's precision cost a tmux command per worker
     * per second (50 idle workers: most of the 3.5 % of a core they cost, bench/run load).
     */
    static String coarse(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 60 ? s / 15 * 15 + "s" : of(d);
    }

    static String of(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        return s / 3600 + "h" + String.format("%02dm", s % 3600 / 60);
    }
}
