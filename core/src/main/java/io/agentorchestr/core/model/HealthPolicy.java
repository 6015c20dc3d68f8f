package io.agentorchestr.core.model;

import java.time.Duration;
import java.util.List;

/**
 * How a session watches its workers' health and what it does about trouble (SPEC §6).
 *
 * @param hungAfter        no output for this long (and not at an idle or input prompt) means hung
 * @param onHung           recovery steps for a hung worker, in order; after the last, it is given up as failed
 * @param maxRestarts      how many times one worker may be restarted by {@link RecoveryStep#RESTART}
 * @param idleAfter        back at its prompt this long without a completion signal: reminded once, then
 *                         reported to the lead
 * @param breakerFailures  consecutive failed or hung attempts of one agent that stop spawning it
 * @param breakerCooldown  how long spawning that agent stays refused
 */
public record HealthPolicy(Duration hungAfter, List<RecoveryStep> onHung, int maxRestarts, Duration idleAfter,
                           int breakerFailures, Duration breakerCooldown) {

    /** The longest any of the durations may be. */
    public static final Duration MAX_DURATION = Duration.ofDays(7);

    public static final HealthPolicy DEFAULT = new HealthPolicy(Duration.ofMinutes(5),
            List.of(RecoveryStep.NUDGE, RecoveryStep.INTERRUPT, RecoveryStep.RESTART), 1, Duration.ofSeconds(60), 3,
            Duration.ofMinutes(5));

    public HealthPolicy {
        onHung = List.copyOf(onHung);
        requireInRange(hungAfter, "hung_after_s (--hung-after)");
        requireInRange(idleAfter, "idle_after_s");
        requireInRange(breakerCooldown, "circuit_breaker.cooldown_s");
        if (maxRestarts < 0 || maxRestarts > 100) {
            throw new IllegalArgumentException("max_restarts must be from 0 to 100, not " + maxRestarts);
        }
        if (breakerFailures < 1 || breakerFailures > 1000) {
            throw new IllegalArgumentException("circuit_breaker.failures must be from 1 to 1000, not "
                    + breakerFailures);
        }
    }

    private static void requireInRange(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(name + " must be from 1 s to " + MAX_DURATION.toSeconds()
                    + " s (7 days)" + (d == null ? "" : ", not " + d.toSeconds() + " s"));
        }
    }

    public HealthPolicy withHungAfter(Duration d) {
        return new HealthPolicy(d, onHung, maxRestarts, idleAfter, breakerFailures, breakerCooldown);
    }

    public HealthPolicy withOnHung(List<RecoveryStep> steps) {
        return new HealthPolicy(hungAfter, steps, maxRestarts, idleAfter, breakerFailures, breakerCooldown);
    }
}
