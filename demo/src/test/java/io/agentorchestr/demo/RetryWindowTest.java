package io.agentorchestr.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryWindowTest {
    private static long minutes(long m) {
        return Duration.ofMinutes(m).toNanos();
    }

    @Test
    void theWindowOpensAtTheFirstFailureNotAtTheStartOfTheCall() {
        RetryWindow w = new RetryWindow(Duration.ofMinutes(10));
        // The call started at 0 and waited 20 minutes; then the server went away for 9.
        assertFalse(w.failedAt(minutes(20)));
        assertFalse(w.failedAt(minutes(29)), "9 minutes after the failure: still retrying");
        assertTrue(w.failedAt(minutes(31)), "past 10 minutes after the failure: given up");
    }
}
