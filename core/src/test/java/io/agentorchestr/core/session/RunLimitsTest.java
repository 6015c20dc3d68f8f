package io.agentorchestr.core.session;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.ExitCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunLimitsTest {
    @Test
    void outOfRangeValuesAreUsageErrorsThatNameTheLimits() {
        AgentorchestrException t = assertThrows(AgentorchestrException.class,
                () -> RunLimits.timeout(Duration.ofSeconds(1_000_000_000_000_000_000L)));
        assertEquals(ExitCode.USAGE, t.exitCode());
        assertEquals("--timeout must be from 1s to 30 days (720h), not 1000000000000000000 s", t.getMessage());
        assertEquals("--max-workers must be from 1 to 100, not 0",
                assertThrows(AgentorchestrException.class, () -> RunLimits.maxWorkers(0)).getMessage());
        assertEquals("--max-workers must be from 1 to 100, not 101",
                assertThrows(AgentorchestrException.class, () -> RunLimits.maxWorkers(101)).getMessage());
    }

    @Test
    void aGoalWithAnEscapeSequenceIsRefusedBeforeAnythingStarts() {
        AgentorchestrException e = assertThrows(AgentorchestrException.class,
                () -> RunLimits.text("the goal", "--goal", "fix \u001b]0;x\u0007 it"));
        assertEquals("the goal contains the control character U+001B at position 4 (an escape sequence); send plain "
                + "text (tab and newline are fine)", e.getMessage());
        RunLimits.text("the goal", "--goal", "fix it\nthen test");
        RunLimits.timeout(null);
        RunLimits.timeout(Duration.ofDays(30));
    }
}
