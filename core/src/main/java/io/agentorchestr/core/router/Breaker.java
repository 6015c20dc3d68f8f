package io.agentorchestr.core.router;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A provider's circuit breaker: after {@link #OPENS_AFTER} failures in a row it opens and the provider is
 * passed over for {@link #OPEN_FOR}; then one call is let through (half-open): its success closes the
 * breaker, its failure opens it again.
 */
final class Breaker {
    static final int OPENS_AFTER = 3;
    static final Duration OPEN_FOR = Duration.ofMinutes(1);

    private final Clock clock;
    private int failures;
    private Instant openUntil;
    private boolean probing;

    Breaker(Clock clock) {
        this.clock = clock;
    }

    /** Whether a call may go to the provider now (taking the half-open probe when it is time for one). */
    synchronized boolean allows() {
        if (openUntil == null) {
            return true;
        }
        if (probing || clock.instant().isBefore(openUntil)) {
            return false;
        }
        probing = true;
        return true;
    }

    synchronized void succeeded() {
        failures = 0;
        openUntil = null;
        probing = false;
    }

    synchronized void failed() {
        failures++;
        if (probing || failures >= OPENS_AFTER) {
            openUntil = clock.instant().plus(OPEN_FOR);
        }
        probing = false;
    }

    /** Until when it is open, or null when closed. */
    synchronized Instant openUntil() {
        return openUntil;
    }
}
