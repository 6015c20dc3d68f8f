package io.agentorchestr.core.health;

import io.agentorchestr.core.testing.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {
    private final SettableClock clock = new SettableClock("2026-11-21T10:00:00Z");

    @Test
    void opensAfterNConsecutiveFailuresAndNamesThem() {
        CircuitBreaker b = new CircuitBreaker(3, Duration.ofMinutes(5), clock);
        b.record("codex", true, "w01 failed: crash");
        b.record("codex", true, "w02 failed: crash");
        assertTrue(b.refusal("codex").isEmpty());
        b.record("codex", true, "w03 failed: crash");
        String why = b.refusal("codex").orElseThrow();
        assertTrue(why.contains("agent codex failed 3 attempt(s) in a row (w01 failed: crash; w02"), why);
        assertTrue(why.contains("another 300 s"), why);
        assertTrue(b.refusal("claude").isEmpty(), "other agents are not affected");
    }

    @Test
    void aSuccessResetsTheCount() {
        CircuitBreaker b = new CircuitBreaker(2, Duration.ofMinutes(5), clock);
        b.record("demo", true, "w01");
        b.record("demo", false, "w02");
        b.record("demo", true, "w03");
        assertTrue(b.refusal("demo").isEmpty());
    }

    @Test
    void afterTheCoolDownOneAttemptIsAllowedAndAnotherFailureReopens() {
        CircuitBreaker b = new CircuitBreaker(1, Duration.ofSeconds(60), clock);
        b.record("demo", true, "w01");
        assertTrue(b.refusal("demo").isPresent());
        clock.advance(Duration.ofSeconds(61));
        assertTrue(b.refusal("demo").isEmpty(), "half open after the cool-down");
        b.record("demo", true, "w02");
        assertEquals(true, b.refusal("demo").isPresent());
    }
}
