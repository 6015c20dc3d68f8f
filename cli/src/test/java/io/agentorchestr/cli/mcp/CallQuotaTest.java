package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.testing.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallQuotaTest {
    private static final Caller W01 = new Caller(ToolRole.WORKER, "w01");
    private static final Caller W02 = new Caller(ToolRole.WORKER, "w02");
    private final SettableClock clock = new SettableClock("2026-12-07T10:00:00Z");
    private final CallQuota quota = new CallQuota(clock);

    @Test
    void aBurstPassesThenCallsAreRefusedWithTheWaitAndOnlyTheFirstRefusalIsLogged() {
        for (int i = 0; i < CallQuota.BURST; i++) {
            assertTrue(quota.take(W01, "report_progress").isEmpty(), "call " + i);
        }
        CallQuota.Refusal first = quota.take(W01, "report_progress").orElseThrow();
        assertTrue(first.first() && first.message().startsWith("w01 is calling report_progress too often")
                && first.message().contains("wait 2 s"), first.message());
        assertFalse(quota.take(W01, "report_progress").orElseThrow().first(),
                "the second refusal of the spell is not logged");
        assertTrue(quota.take(W02, "report_progress").isEmpty(), "each worker has its own bucket");
        assertTrue(quota.take(W01, "ask_lead").isEmpty(), "and each tool");
        clock.advance(CallQuota.REFILL);
        assertTrue(quota.take(W01, "report_progress").isEmpty(), "one call back per refill");
        assertTrue(quota.take(W01, "report_progress").isPresent());
        clock.advance(Duration.ofMinutes(5));
        int allowed = 0;
        while (quota.take(W01, "report_progress").isEmpty()) {
            allowed++;
        }
        assertEquals(CallQuota.BURST, allowed, "the bucket refills to the burst, no more");
    }

    @Test
    void theLeadIsNeverLimited() {
        for (int i = 0; i < 1000; i++) {
            assertTrue(quota.take(new Caller(ToolRole.LEAD, "lead"), "spawn_worker").isEmpty());
        }
    }
}
