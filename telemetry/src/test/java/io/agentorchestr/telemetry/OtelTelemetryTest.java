package io.agentorchestr.telemetry;

import io.agentorchestr.core.cost.UsageMeter;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.Poll;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session's events through a real SQLite store, exported over real OTLP/HTTP to a loopback receiver
 * that decodes the protobuf: span names, parent links, times and attributes; the metrics; and nothing
 * at all without an endpoint.
 */
@Timeout(60)
class OtelTelemetryTest {
    @TempDir
    Path dir;
    private final List<String> trouble = new ArrayList<>();

    private static Set<Thread> exporterThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> {
            String n = t.getName();
            return n.contains("BatchSpanProcessor") || n.contains("PeriodicMetricReader")
                    || n.toLowerCase().contains("otel") || n.toLowerCase().contains("otlp");
        }).collect(Collectors.toSet());
    }

    @Test
    void withoutAnEndpointNothingIsMadeAndNoExporterThreadRunsWithOneBothRun() throws IOException {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            Set<Thread> before = exporterThreads();  // another test's, ending
            assertTrue(OtelTelemetry.fromEnvironment(Map.of("OTEL_SERVICE_NAME", "x"), store, UsageMeter.NONE,
                    trouble::add).isEmpty());
            assertTrue(OtelTelemetry.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9",
                    "OTEL_SDK_DISABLED", "true"), store, UsageMeter.NONE, trouble::add).isEmpty());
            assertTrue(before.containsAll(exporterThreads()), "no exporter thread: " + exporterThreads());

            try (OtelTelemetry t = OtelTelemetry.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                    "http://127.0.0.1:9"), store, UsageMeter.NONE, trouble::add).orElseThrow()) {
                assertFalse(before.containsAll(exporterThreads()), "with an endpoint the exporters run");
            }
        }
    }

    @Test
    void aSessionsEventsBecomeSpansUnderTheSessionsSpanWithTheirOwnTimesAndAttributes() throws Exception {
        Path worktree = claudeTranscriptFor("w01");
        try (OtlpReceiver receiver = new OtlpReceiver();
             SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            session(store, worktree);
            OtelTelemetry t = OtelTelemetry.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                    "OTEL_METRIC_EXPORT_INTERVAL", "200"), store, meter(), trouble::add).orElseThrow();
            store.append("s1", new SessionEvent.SessionStarted("auto", "/repo", "abc", "claude"));
            store.append("s1", new SessionEvent.ToolCalled("spawn_worker", "lead", "{}", false, "{}", 25));
            store.append("s1", new SessionEvent.WorkerSpawned("w01", "claude", "b1", worktree.toString(), "%1", 40));
            store.append("s1", new SessionEvent.ToolCalled("merge_worker", "w01", "{}", true, "not yours", 3));
            store.append("s1", new SessionEvent.WorkerStateChanged("w01", "running", "done", "done flag"));
            store.append("s1", new SessionEvent.WorkerMerged("w01", "c0ffee", 15));
            store.append("s1", new SessionEvent.VerifyRan(false, "1 command(s)", 700));
            store.append("s1", new SessionEvent.HookRan("post_merge", "make lint", "hooks.json", "w01", 2, false, 30,
                    false, "lint failed"));
            store.append("s1", new SessionEvent.SessionEnded("done", "ok"));
            Poll.until("the token metric", Duration.ofSeconds(20), () -> receiver.metrics().stream()
                    .anyMatch(m -> m.getName().equals("agentorchestr.token.usage")));
            t.close();

            Map<String, Span> spans = receiver.spans().stream().collect(Collectors.toMap(OtelTelemetryTest::key,
                    Function.identity()));
            assertEquals(Set.of("agentorchestr.session", "execute_tool spawn_worker", "agentorchestr.spawn",
                    "execute_tool merge_worker", "agentorchestr.worker", "agentorchestr.merge", "agentorchestr.verify",
                    "agentorchestr.hook"), spans.keySet());
            Span session = spans.get("agentorchestr.session");
            assertTrue(session.getParentSpanId().isEmpty(), "the session's span is the root");
            for (Span s : spans.values()) {
                assertEquals(session.getTraceId(), s.getTraceId(), s.getName());
                if (s != session) {
                    assertEquals(session.getSpanId(), s.getParentSpanId(), s.getName() + " is the session's child");
                    assertEquals("s1", OtlpReceiver.attribute(s, "agentorchestr.session.id"), s.getName());
                }
            }
            assertEquals("done", OtlpReceiver.attribute(session, "agentorchestr.session.status"));
            assertEquals("claude", OtlpReceiver.attribute(session, "gen_ai.agent.name"));
            assertEquals(40_000_000L, nanos(spans.get("agentorchestr.spawn")));
            assertEquals(700_000_000L, nanos(spans.get("agentorchestr.verify")));
            assertEquals(Status.StatusCode.STATUS_CODE_ERROR, spans.get("agentorchestr.verify").getStatus().getCode());

            Span tool = spans.get("execute_tool spawn_worker");
            assertEquals(25_000_000L, nanos(tool));
            assertEquals("execute_tool", OtlpReceiver.attribute(tool, "gen_ai.operation.name"));
            assertEquals("spawn_worker", OtlpReceiver.attribute(tool, "gen_ai.tool.name"));
            assertEquals("not yours", spans.get("execute_tool merge_worker").getStatus().getMessage());

            Span worker = spans.get("agentorchestr.worker");
            assertEquals("w01", OtlpReceiver.attribute(worker, "agentorchestr.worker.id"));
            assertEquals("done", OtlpReceiver.attribute(worker, "agentorchestr.worker.state"));
            assertEquals("500", OtlpReceiver.attribute(worker, "gen_ai.usage.input_tokens"));
            assertEquals("100", OtlpReceiver.attribute(worker, "gen_ai.usage.output_tokens"));
            assertEquals("claude-opus-5-5", OtlpReceiver.attribute(worker, "gen_ai.response.model"));
            assertEquals("c0ffee", OtlpReceiver.attribute(spans.get("agentorchestr.merge"), "agentorchestr.merge.commit"));
            assertEquals("2", OtlpReceiver.attribute(spans.get("agentorchestr.hook"), "agentorchestr.hook.exit_code"));
            assertEquals(List.of(), trouble);
        }
    }

    @Test
    void theMetricsCountEachWorkersTokensByTypeItsCostToolLatencyAndWorkersByState() throws Exception {
        Path worktree = claudeTranscriptFor("w01");
        try (OtlpReceiver receiver = new OtlpReceiver();
             SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            session(store, worktree);
            try (OtelTelemetry t = OtelTelemetry.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
                    receiver.endpoint() + "/v1/metrics", "OTEL_TRACES_EXPORTER", "none"), store, meter(), trouble::add)
                    .orElseThrow()) {
                store.append("s1", new SessionEvent.SessionStarted("auto", "/repo", "abc", "claude"));
                store.append("s1", new SessionEvent.ToolCalled("list_workers", "lead", "{}", false, "[]", 250));
            }
            Map<String, Metric> metrics = receiver.metrics().stream().collect(Collectors.toMap(Metric::getName,
                    Function.identity(), (a, b) -> b));
            Map<String, Long> tokens = metrics.get("agentorchestr.token.usage").getSum().getDataPointsList().stream()
                    .collect(Collectors.toMap(p -> attribute(p.getAttributesList(), "gen_ai.token.type"),
                            p -> p.getAsInt()));
            assertEquals(Map.of("input", 500L, "cache_write", 0L, "cache_read", 0L, "output", 100L), tokens);
            var cost = metrics.get("agentorchestr.cost").getSum().getDataPoints(0);
            assertEquals(500 * 5 / 1e6 + 100 * 25 / 1e6, cost.getAsDouble(), 1e-12);
            assertEquals("w01", attribute(cost.getAttributesList(), "agentorchestr.worker.id"));
            var latency = metrics.get("agentorchestr.tool.duration").getHistogram().getDataPoints(0);
            assertEquals(1, latency.getCount());
            assertEquals(0.25, latency.getSum(), 1e-9);
            var workers = metrics.get("agentorchestr.workers").getSum().getDataPoints(0);
            assertEquals("done", attribute(workers.getAttributesList(), "agentorchestr.worker.state"));
            assertEquals(1, workers.getAsInt());
        }
    }

    private static String attribute(List<io.opentelemetry.proto.common.v1.KeyValue> list, String key) {
        return list.stream().filter(a -> a.getKey().equals(key)).findFirst().map(a -> a.getValue().getStringValue())
                .orElse(null);
    }

    private static String key(Span s) {
        return s.getName();
    }

    private static long nanos(Span s) {
        return s.getEndTimeUnixNano() - s.getStartTimeUnixNano();
    }

    private UsageMeter meter() {
        return UsageMeter.fromEnvironment(Map.of("HOME", dir.toString()));
    }

    /** The worker's worktree, with a transcript the pinned Claude Code wrote (500 in, 100 out) filed for it. */
    private Path claudeTranscriptFor(String worker) throws IOException {
        Path worktree = dir.resolve("worktrees/s1/" + worker);
        Path transcripts = Files.createDirectories(dir.resolve(".claude/projects").resolve(worktree.toString()
                .replaceAll("[/.]", "-")));
        try (InputStream in = getClass().getResourceAsStream("/io/agentorchestr/core/cost/claude-code-transcript.jsonl")) {
            Files.write(transcripts.resolve("t.jsonl"), in.readAllBytes());
        }
        Path project = Files.createDirectories(dir.resolve("project/.agentorchestr")).getParent();
        Files.writeString(project.resolve(".agentorchestr/config.toml"), "[prices.\"claude-opus-5-5\"]\ninput = 5\n"
                + "output = 25\n");
        return worktree;
    }

    private void session(SqliteStateStore store, Path worktree) {
        Instant now = Instant.now().minusSeconds(5);
        store.createSession(new SessionRecord("s1", "manual", "goal", dir.resolve("project").toString(), null,
                List.of("claude"), SessionStatus.RUNNING, "abc", "i", "t", "", null, "/d", 1, null, now, now, null));
        store.saveWorker(new WorkerRecord("s1", "w01", 1, "implementer", "claude", null, "task", "%1",
                worktree.toString(), "b1", WorkerState.DONE, "ok", null, null, "/log", now, now, now, null, null));
    }
}
