package io.agentorchestr.telemetry;

import io.agentorchestr.core.cost.UsageMeter;
import io.agentorchestr.core.model.EventObserver;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.StateStore;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A session followed in OpenTelemetry: spans and metrics made from the events its store appends, and
 * its agents' usage, exported over OTLP as the standard {@code OTEL_*} variables configure it. Made
 * only when an OTLP endpoint is set: without one, no OpenTelemetry class is loaded and no exporter
 * thread runs.
 */
public final class OtelTelemetry implements EventObserver, AutoCloseable {
    /** Any of these set asks for export; the other OTEL_* variables only tune it. */
    static final List<String> ENDPOINTS = List.of("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
    static final String SCOPE = "io.agentorchestr";

    private final OpenTelemetrySdk sdk;
    private final SessionSpans spans;
    private final SessionMetrics metrics;

    private OtelTelemetry(OpenTelemetrySdk sdk, StateStore store, UsageMeter meter) {
        this.sdk = sdk;
        this.metrics = new SessionMetrics(sdk.getMeter(SCOPE), store, meter);
        this.spans = new SessionSpans(sdk.getTracer(SCOPE), metrics);
    }

    /**
     * Export for the sessions {@code store} records, when {@code env} names an OTLP endpoint (and does
     * not set OTEL_SDK_DISABLED=true); export failures are told to {@code trouble}, never printed.
     */
    public static Optional<OtelTelemetry> fromEnvironment(Map<String, String> env, StateStore store, UsageMeter meter,
                                                          Consumer<String> trouble) {
        if (!wanted(env)) {
            return Optional.empty();
        }
        ExportTrouble.sendTo(trouble);
        OpenTelemetrySdk sdk;
        try {
            sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> properties(env))
                    .build()
                    .getOpenTelemetrySdk();
        } catch (ConfigurationException e) {
            // Telemetry is an onlooker: a setting it cannot use is told, and the session goes on without it.
            trouble.accept("OpenTelemetry export is off: " + e.getMessage() + "; check the OTEL_* variables "
                    + "(agentorchestr sends OTLP over HTTP/protobuf: point OTEL_EXPORTER_OTLP_ENDPOINT at the "
                    + "collector's HTTP port, usually 4318)");
            return Optional.empty();
        }
        OtelTelemetry telemetry = new OtelTelemetry(sdk, store, meter);
        store.observe(telemetry);
        return Optional.of(telemetry);
    }

    static boolean wanted(Map<String, String> env) {
        boolean disabled = "true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").strip());
        return !disabled && ENDPOINTS.stream().anyMatch(k -> !env.getOrDefault(k, "").isBlank());
    }

    /**
     * The OTEL_* variables as the SDK's properties (so a test's environment counts as the process's),
     * over agentorchestr's defaults: its service name, OTLP over HTTP/protobuf, and no log export (it
     * has no logs to send).
     */
    static Map<String, String> properties(Map<String, String> env) {
        Map<String, String> p = new HashMap<>();
        p.put("otel.service.name", "agentorchestr");
        p.put("otel.logs.exporter", "none");
        // The SDK's own default is gRPC, which would need a second HTTP stack; the spec's default is this.
        p.put("otel.exporter.otlp.protocol", "http/protobuf");
        env.forEach((k, v) -> {
            if (k.startsWith("OTEL_")) {
                p.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        return p;
    }

    @Override
    public void stored(String sessionId, SessionEvent event, Instant at) {
        spans.on(sessionId, event, at);
    }

    /** Ends the spans still open (the orchestrator is stopping) and sends what is left. */
    @Override
    public void close() {
        spans.endAll(Instant.now());
        sdk.close();
    }
}
