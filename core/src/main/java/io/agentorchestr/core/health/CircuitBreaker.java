package io.agentorchestr.core.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One breaker per agent type: after {@code failures} failed or hung attempts in a row, spawning that
 * agent is refused until {@code cooldown} has passed; then one more attempt is allowed (half open),
 * and its outcome closes or re-opens the breaker. A success resets the count.
 */
public final class CircuitBreaker {
    private final int failures;
    private final Duration cooldown;
    private final Clock clock;
    private final Map<String, State> agents = new HashMap<>();

    public CircuitBreaker(int failures, Duration cooldown, Clock clock) {
        this.failures = failures;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    private static final class State {
        final List<String> recent = new ArrayList<>();
        Instant openUntil;
    }

    /** Records the end of one attempt of {@code agent}; {@code what} names it in the refusal message. */
    public synchronized void record(String agent, boolean failed, String what) {
        State s = agents.computeIfAbsent(agent, a -> new State());
        if (!failed) {
            s.recent.clear();
            s.openUntil = null;
            return;
        }
        s.recent.add(what);
        if (s.recent.size() >= failures) {
            s.openUntil = clock.instant().plus(cooldown);
        }
    }

    /** Why {@code agent} may not be spawned now, or empty when it may. */
    public synchronized Optional<String> refusal(String agent) {
        State s = agents.get(agent);
        if (s == null || s.openUntil == null || !clock.instant().isBefore(s.openUntil)) {
            return Optional.empty();
        }
        long leftMs = Duration.between(clock.instant(), s.openUntil).toMillis();
        long left = (leftMs + 999) / 1000;
        List<String> last = s.recent.subList(Math.max(0, s.recent.size() - failures), s.recent.size());
        return Optional.of("agent " + agent + " failed " + s.recent.size() + " attempt(s) in a row (" + String.join(
                "; ", last) + "); the circuit breaker refuses it for another " + left + " s");
    }
}
