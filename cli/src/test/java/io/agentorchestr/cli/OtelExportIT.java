package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.telemetry.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A demo goal run with the standard OTEL_EXPORTER_OTLP_ENDPOINT set: its spans reach a loopback
 * OTLP/HTTP receiver that decodes the protobuf, one trace per session with everything under it.
 */
@Timeout(180)
class OtelExportIT extends SandboxedRun {
    @Test
    void aGoalsSessionWorkersToolCallsMergesAndVerifyArriveAsOneTraceUnderTheSession() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            dist.withEnv("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
            JsonNode out = goal("Write a hello note\nWrite a goodbye note", 0);
            String session = out.get("session").asText();

            List<Span> spans = receiver.spans();
            Map<String, List<Span>> byName = spans.stream().collect(Collectors.groupingBy(Span::getName));
            Span root = byName.get("agentorchestr.session").get(0);
            assertEquals(1, byName.get("agentorchestr.session").size(), byName.keySet().toString());
            assertEquals(session, OtlpReceiver.attribute(root, "agentorchestr.session.id"));
            assertEquals("done", OtlpReceiver.attribute(root, "agentorchestr.session.status"));
            assertEquals(List.of("w01", "w02"), byName.get("agentorchestr.worker").stream()
                    .map(s -> OtlpReceiver.attribute(s, "agentorchestr.worker.id")).sorted().toList());
            assertEquals(2, byName.get("agentorchestr.spawn").size());
            assertEquals(2, byName.get("execute_tool spawn_worker").size());
            assertTrue(byName.containsKey("agentorchestr.verify") && byName.containsKey("agentorchestr.merge"),
                    byName.keySet().toString());
            assertTrue(byName.containsKey("execute_tool mark_goal_done"), byName.keySet().toString());
            for (Span s : spans) {
                assertEquals(root.getTraceId(), s.getTraceId(), s.getName());
                assertTrue(s == root || s.getParentSpanId().equals(root.getSpanId()), s.getName());
                assertTrue(s.getEndTimeUnixNano() >= s.getStartTimeUnixNano(), s.getName());
            }
        }
    }
}
