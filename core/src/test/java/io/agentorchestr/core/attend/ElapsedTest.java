package io.agentorchestr.core.attend;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Borders show the first minute in steps of 15 s, so that they are not written again every second. */
class ElapsedTest {
    @Test
    void aBorderTakesTheFirstMinuteInStepsOfFifteenSecondsAndTheStatusLineEverySecond() {
        assertEquals("0s", Elapsed.coarse(Duration.ofSeconds(14)));
        assertEquals("15s", Elapsed.coarse(Duration.ofSeconds(15)));
        assertEquals("45s", Elapsed.coarse(Duration.ofSeconds(59)));
        assertEquals("1m", Elapsed.coarse(Duration.ofSeconds(61)));
        assertEquals("2h05m", Elapsed.coarse(Duration.ofMinutes(125)));
        assertEquals("14s", Elapsed.of(Duration.ofSeconds(14)));
    }
}
