package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * MCP over raw HTTP, for what an SDK client cannot send (malformed bodies, non-object arguments,
 * cancellations, abandoned requests): initializes a session, then posts bodies as they are.
 */
public final class RawMcp {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI url;
    private final String authorization;
    private String sessionId;

    /** A response: its status and body, and the JSON-RPC message in it (from JSON or an SSE data line). */
    public record Reply(int status, String body) {
        public JsonNode message() {
            String text = body.strip();
            if (!text.startsWith("{")) {
                text = text.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip())
                        .reduce((a, b) -> b).orElse("{}");
            }
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not a JSON-RPC message: " + body, e);
            }
        }
    }

    public RawMcp(String url, String authorization) {
        this.url = URI.create(url);
        this.authorization = authorization;
    }

    public RawMcp initialize() throws Exception {
        HttpResponse<String> r = http.send(request("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\","
                + "\"version\":\"1\"}}}", false), HttpResponse.BodyHandlers.ofString());
        sessionId = r.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new AssertionError(r.body()));
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return this;
    }

    public Reply post(String body) throws Exception {
        HttpResponse<String> r = http.send(request(body, sessionId != null), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    Reply postWithoutSession(String body) throws Exception {
        HttpResponse<String> r = http.send(request(body, false), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    CompletableFuture<Reply> postAsync(String body) {
        return http.sendAsync(request(body, true), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Reply(r.statusCode(), r.body()));
    }

    static String call(Object id, String tool, String argumentsJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.valueToTree(id) + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                + JSON.valueToTree(tool) + ",\"arguments\":" + argumentsJson + "}}";
    }

    private HttpRequest request(String body, boolean withSession) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withSession && sessionId != null) {
            b.header("Mcp-Session-Id", sessionId);
        }
        return b.build();
    }

    String sessionId() {
        return sessionId;
    }

    URI url() {
        return url;
    }
}
