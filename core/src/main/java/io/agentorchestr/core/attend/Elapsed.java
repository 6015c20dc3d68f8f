package io.agentorchestr.core.attend;

import java.time.Duration;

/** A duration as a border or status line shows it: 45s, 12m, 2h05m. */
final class Elapsed {
    private Elapsed() {
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
