package io.agentorchestr.cli.mcp;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often each worker may call each of its tools: a bucket of {@value #BURST} calls per worker and
 * tool, refilled at one every {@link #REFILL}. A worker in a loop (1,000 progress reports in 11 s, 200 questions
 * pasted into the lead in 1.6 s) is refused with the time to wait; a working agent never notices.
 * The lead is not limited: it is the one the person watches, and its calls wait on workers anyway.
 */
final class CallQuota {
    static final int BURST = 30;
    static final Duration REFILL = Duration.ofSeconds(2);

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    CallQuota(Clock clock) {
        this.clock = clock;
    }

    private static final class Bucket {
        double tokens = BURST;
        long lastMillis;
        /** Whether the refusal in the current dry spell was already logged. */
        boolean refusalLogged;
    }

    /** A refusal, and whether it is the first of its spell (only that one is worth an event). */
    record Refusal(String message, boolean first) {
    }

    /** Empty when {@code caller} may call {@code tool} now (the call is counted); else why not. The lead is free. */
    Optional<Refusal> take(Caller caller, String tool) {
        if (caller.lead()) {
            return Optional.empty();
        }
        Bucket b = buckets.computeIfAbsent(caller.id() + " " + tool, k -> {
            Bucket n = new Bucket();
            n.lastMillis = clock.millis();
            return n;
        });
        synchronized (b) {
            long now = clock.millis();
            b.tokens = Math.min(BURST, b.tokens + (now - b.lastMillis) / (double) REFILL.toMillis());
            b.lastMillis = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                b.refusalLogged = false;
                return Optional.empty();
            }
            long waitMs = (long) Math.ceil((1 - b.tokens) * REFILL.toMillis());
            boolean first = !b.refusalLogged;
            b.refusalLogged = true;
            return Optional.of(new Refusal(caller.id() + " is calling " + tool + " too often (more than " + BURST
                    + " calls at once, then one per " + REFILL.toSeconds() + " s); wait "
                    + Math.max(1, (waitMs + 999) / 1000) + " s and call again, and call it less often", first));
        }
    }
}
