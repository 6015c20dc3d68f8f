package io.agentorchestr.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An OTLP/HTTP receiver on loopback, as a collector would be: it decodes the protobuf requests the
 * exporter sends to /v1/traces and /v1/metrics with the opentelemetry-proto classes and keeps what came.
 */
public final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Span> spans = new ArrayList<>();
    private final List<Metric> metrics = new ArrayList<>();

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", this::traces);
        server.createContext("/v1/metrics", this::metrics);
        server.start();
    }

    /** What OTEL_EXPORTER_OTLP_ENDPOINT is set to. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void traces(HttpExchange x) throws IOException {
        ExportTraceServiceRequest r = ExportTraceServiceRequest.parseFrom(body(x));
        synchronized (this) {
            r.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss -> spans.addAll(ss.getSpansList())));
        }
        answer(x, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
    }

    private void metrics(HttpExchange x) throws IOException {
        ExportMetricsServiceRequest r = ExportMetricsServiceRequest.parseFrom(body(x));
        synchronized (this) {
            r.getResourceMetricsList().forEach(rm -> rm.getScopeMetricsList().forEach(sm ->
                    metrics.addAll(sm.getMetricsList())));
        }
        answer(x, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
    }

    private static byte[] body(HttpExchange x) throws IOException {
        if (!"application/x-protobuf".equals(x.getRequestHeaders().getFirst("Content-Type"))) {
            throw new IOException("not OTLP/HTTP protobuf: " + x.getRequestHeaders().getFirst("Content-Type"));
        }
        try (InputStream in = x.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void answer(HttpExchange x, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        x.sendResponseHeaders(200, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    public synchronized List<Span> spans() {
        return List.copyOf(spans);
    }

    public synchronized List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    /** A span's string, int or bool attribute as text, or null. */
    public static String attribute(Span s, String key) {
        return s.getAttributesList().stream().filter(a -> a.getKey().equals(key)).findFirst().map(a -> {
            var v = a.getValue();
            return v.hasStringValue() ? v.getStringValue() : v.hasIntValue() ? String.valueOf(v.getIntValue())
                    : v.hasBoolValue() ? String.valueOf(v.getBoolValue()) : v.toString();
        }).orElse(null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
