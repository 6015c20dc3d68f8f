package io.agentorchestr.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A moment as a person reads it in a listing: "just now", "12 min ago", "3 h ago", "5 d ago", then the date. */
public final class Ago {
    private Ago() {
    }

    public static String of(Instant then, Instant now, ZoneId zone) {
        if (then == null) {
            return "";
        }
        Duration d = Duration.between(then, now);
        if (d.isNegative() || d.toSeconds() < 60) {
            return "just now";
        }
        if (d.toMinutes() < 60) {
            return d.toMinutes() + " min ago";
        }
        if (d.toHours() < 48) {
            return d.toHours() + " h ago";
        }
        if (d.toDays() < 14) {
            return d.toDays() + " d ago";
        }
        return then.atZone(zone).toLocalDate().toString();
    }
}
