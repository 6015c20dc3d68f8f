package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health monitoring end to end: a hung worker is recovered per policy, a crashing agent trips the breaker. */
@Timeout(180)
class WorkerHealthIT extends SandboxedRun {
    @Test
    void aHungWorkerIsDetectedNudgedInterruptedRestartedThenFailedAndReported() throws IOException {
        JsonNode out = goal("Stuck [demo:hang]", 3, "--hung-after", "2s");

        String session = out.get("session").asText();
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            List<WorkerRecord> workers = store.workers(session);
            assertEquals(1, workers.size(), out.toString());
            WorkerRecord w = workers.get(0);
            assertEquals(WorkerState.FAILED, w.state());
            assertEquals(2, w.attempt(), "restarted once (max_restarts = 1)");
            assertTrue(w.summary().startsWith("hung: no output for 2 s"), w.summary());
            List<EventRecord> events = store.events(session);
            EventRecord spawned = first(events, "worker_spawned", "");
            EventRecord hung = first(events, "worker_state_changed", "\"to\":\"hung\"");
            long detectMs = Duration.between(spawned.at(), hung.at()).toMillis();
            // Loose on purpose (the ITs share two cores): the point is that it is seen soon, not never.
            assertTrue(detectMs <= 10_000, "hung detected within 5x the 2 s threshold, took " + detectMs + " ms");
            for (String action : List.of("\"action\":\"nudge\"", "\"action\":\"interrupt\"", "\"action\":\"give_up\"")) {
                first(events, "health_action", action);
            }
            first(events, "worker_restarted", "\"attempt\":2");
        }
        assertTrue(out.get("summary").asText().contains("w01 failed: hung"), out.get("summary").asText());
    }

    @Test
    void aCrashingAgentTripsTheCircuitBreakerAfterThreeFailuresInARow() throws IOException {
        JsonNode out = goal("C1 [demo:crash]\nC2 [demo:crash]\nC3 [demo:crash]\nC4 [demo:crash]", 3,
                "--max-workers", "1");

        String summary = out.get("summary").asText();
        assertTrue(summary.contains("agent demo failed 3 attempt(s) in a row"), summary);
        assertTrue(summary.contains("circuit breaker"), summary);
        assertEquals(3, out.get("workers").size(), "the fourth spawn was refused");
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            first(store.events(out.get("session").asText()), "tool_called", "circuit breaker");
        }
    }

    @Test
    void anIdleWorkerWithoutAReportIsRemindedOnceThenReportedToTheLead() throws IOException {
        java.nio.file.Files.createDirectories(project.dir().resolve(".agentorchestr"));
        java.nio.file.Files.writeString(project.dir().resolve(".agentorchestr/config.toml"),
                "[health]\nidle_after_s = 2\n");
        // The time limit only ends the run: the worker must be seen idle and reported well before it, even on a
        // loaded CI machine where starting the demo agent alone can take seconds.
        JsonNode out = goal("Forgets to report [demo:ignore]", 3, "--timeout", "25s");

        assertEquals("timeout", out.get("state").asText());
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            List<EventRecord> events = store.events(out.get("session").asText());
            first(events, "worker_state_changed", "\"to\":\"idle\"");
            EventRecord reminder = first(events, "health_action", "back at your prompt");
            EventRecord reported = first(events, "health_action", "idle at its prompt without reporting");
            assertTrue(reported.seq() > reminder.seq(), "reminded first, then reported");
            assertEquals(1, events.stream().filter(e -> e.data().contains("back at your prompt")).count(),
                    "one reminder only");
            EventRecord told = events.stream().filter(e -> e.kind().equals("tool_called")
                    && e.data().contains("wait_for_any") && e.data().contains("without reporting")).findFirst()
                    .orElseThrow(() -> new AssertionError("wait_for_any never returned the idle worker"));
            assertTrue(told.seq() > reported.seq());
        }
    }

    private static EventRecord first(List<EventRecord> events, String kind, String containing) {
        return events.stream().filter(e -> e.kind().equals(kind) && e.data().contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " event containing " + containing + " in "
                        + events.stream().map(e -> e.kind() + " " + e.data()).toList()));
    }
}
