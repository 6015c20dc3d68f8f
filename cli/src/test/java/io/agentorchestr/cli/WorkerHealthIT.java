package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.store.EventRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.TestRepo;
import io.agentorchestr.core.worker.WorkerRecord;
import io.agentorchestr.core.worker.WorkerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health monitoring end to end: a hung worker is recovered per policy, a crashing agent trips the breaker. */
@Timeout(180)
class WorkerHealthIT {
    @TempDir
    Path dir;
    private Distribution dist;
    private TestRepo project;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws IOException {
        dist = new Distribution(dir);
        project = TestRepo.create(dir.resolve("project"));
    }

    @AfterEach
    void tearDown() {
        dist.close();
    }

    private JsonNode goal(String goal, int expectedExit, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--goal", goal, "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json"));
        args.addAll(List.of(extra));
        ExecResult r = dist.run(args.toArray(String[]::new));
        assertEquals(expectedExit, r.exitCode(), "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        return json.readTree(r.stdout());
    }

    @Test
    void aHungWorkerIsDetectedNudgedInterruptedRestartedThenFailedAndReported() throws IOException {
        JsonNode out = goal("Stuck [demo:hang]", 3, "--hung-after", "2s");

        String session = out.get("session").asText();
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            WorkerRecord w = store.workers(session).get(0);
            assertEquals(WorkerState.FAILED, w.state());
            assertEquals(2, w.attempt(), "restarted once (max_restarts = 1)");
            assertTrue(w.summary().startsWith("hung: no output for 2 s"), w.summary());
            List<EventRecord> events = store.events(session);
            EventRecord spawned = first(events, "worker_spawned", "");
            EventRecord hung = first(events, "worker_state_changed", "\"to\":\"hung\"");
            long detectMs = Duration.between(spawned.at(), hung.at()).toMillis();
            assertTrue(detectMs <= 4000, "hung detected within 2x the 2 s threshold, took " + detectMs + " ms");
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

    private static EventRecord first(List<EventRecord> events, String kind, String containing) {
        return events.stream().filter(e -> e.kind().equals(kind) && e.data().contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " event containing " + containing + " in "
                        + events.stream().map(e -> e.kind() + " " + e.data()).toList()));
    }
}
