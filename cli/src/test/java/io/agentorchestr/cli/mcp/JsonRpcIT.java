package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed JSON-RPC over the real HTTP transport gets JSON-RPC's own answers (-32700, -32600,
 * -32602) with a message and no stack trace, never an empty stream or a 500; bodies are capped while
 * they stream in; and the session works normally afterwards.
 */
@Timeout(180)
class JsonRpcIT {
    @TempDir
    Path dir;
    private LiveSession session;
    private RawMcp raw;

    @BeforeEach
    void start() throws Exception {
        session = new LiveSession(dir);
        String[] endpoint = session.leadEndpoint();
        raw = new RawMcp(endpoint[0], endpoint[1]).initialize();
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private static void assertClean(RawMcp.Reply r) {
        assertFalse(r.body().contains("\tat ") || r.body().contains("Exception") || r.body().contains("java."),
                "no stack trace or Java internals: " + r.body());
    }

    private JsonNode error(String body, int status, int code) throws Exception {
        RawMcp.Reply r = raw.post(body);
        assertEquals(status, r.status(), body + " -> " + r.body());
        assertClean(r);
        JsonNode e = r.message().path("error");
        assertEquals(code, e.path("code").asInt(), r.body());
        assertFalse(e.path("message").asText().isBlank(), r.body());
        return e;
    }

    @Test
    void malformedBodiesGetJsonRpcErrorsNotStackTracesOrSilence() throws Exception {
        error("{\"jsonrpc\":\"2.0\",", 400, -32700);
        error("null", 400, -32600);
        error("", 400, -32600);
        error("[1,2]", 400, -32600);
        error("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", 400, -32600);
        error("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":\"list_workers\"}", 200, -32602);
        JsonNode args = error(RawMcp.call(7, "list_workers", "[\"x\"]"), 200, -32602);
        assertTrue(args.path("message").asText().contains("\"arguments\" must be an object"), args.toString());
        JsonNode noName = error("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{}}", 200, -32602);
        assertTrue(noName.path("message").asText().contains("needs \"name\""), noName.toString());
    }

    /** A null where a list wants strings, in every list argument: a JSON-RPC error naming it, never an empty 200. */
    @Test
    void aNullInsideAListArgumentIsNamedInAnAnswer() throws Exception {
        String[][] calls = {
            {"wait_for_any", "{\"worker_ids\":[null]}"},
            {"spawn_worker", "{\"task\":\"t\",\"depends_on\":[null]}"},
            {"spawn_worker", "{\"task\":\"t\",\"file_scope\":[\"a\",null]}"},
            {"spawn_worker", "{\"task\":\"t\",\"skills\":[null]}"},
        };
        int id = 20;
        for (String[] c : calls) {
            RawMcp.Reply r = raw.post(RawMcp.call(id++, c[0], c[1]));
            assertEquals(200, r.status(), r.body());
            assertClean(r);
            JsonNode m = r.message();
            String text = m.path("error").path("message").asText() + m.at("/result/content/0/text").asText();
            assertTrue(text.contains("is null"), c[0] + " " + c[1] + " -> " + r.body());
        }
    }

    /**
     * A request the SDK gives up on before it answers (a {@code _meta} that is not an object fails its
     * reading of a tools/call) still gets a JSON-RPC error with its id, never an empty 200.
     */
    @Test
    void aRequestTheSdkFailsToHandleIsStillAnsweredWithAnError() throws Exception {
        JsonNode e = error("{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"list_workers\",\"arguments\":{},\"_meta\":\"x\"}}", 200, -32603);
        assertTrue(e.path("message").asText().contains("has no answer for it; the session goes on"), e.toString());
        assertEquals(41, raw.post("{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"tools/call\",\"params\":{"
                + "\"name\":\"list_workers\",\"_meta\":\"x\"}}").message().path("id").asInt(), "answered by its id");
        assertEquals(200, raw.post(RawMcp.call(42, "list_workers", "{}")).status(), "the session still works");
    }

    /** This server asks the client nothing, so a response is unasked: refused with 400, never a 500. */
    @Test
    void aMessageShapedLikeAResponseIsRefusedCleanly() throws Exception {
        for (String body : new String[] {"{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":null}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":1,\"message\":\"no\"}}"}) {
            RawMcp.Reply r = raw.post(body);
            assertEquals(400, r.status(), body + " -> " + r.body());
            assertClean(r);
            assertTrue(r.message().path("error").path("message").asText().contains("asked nothing"), r.body());
        }
        assertEquals(200, raw.post(RawMcp.call(30, "list_workers", "{}")).status(), "the session still works");
    }

    @Test
    void anUnknownToolIsNamedWithTheToolsThatExist() throws Exception {
        JsonNode e = error(RawMcp.call(9, "spawn_wroker", "{}"), 200, -32602);
        assertTrue(e.path("message").asText().startsWith("unknown tool 'spawn_wroker'; the tools here are: "
                + "spawn_worker, "), e.toString());
    }

    @Test
    void requestsWithoutASessionOrWithAnEndedOneSayHowToGetOne() throws Exception {
        RawMcp.Reply missing = raw.postWithoutSession(RawMcp.call(1, "list_workers", "{}"));
        assertEquals(400, missing.status());
        assertTrue(missing.body().contains("send initialize first"), missing.body());
        assertClean(missing);

        java.net.http.HttpResponse<String> ended = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(raw.url()).header("Authorization", session.leadEndpoint()[1])
                        .header("Mcp-Session-Id", "no-such-session").header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(RawMcp.call(2, "list_workers", "{}")))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, ended.statusCode(), ended.body());
        assertTrue(ended.body().contains("send initialize again"), ended.body());

        RawMcp fresh = new RawMcp(raw.url().toString(), session.leadEndpoint()[1]);
        RawMcp.Reply badInit = fresh.postWithoutSession("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{}}");
        assertEquals(200, badInit.status());
        assertEquals(-32602, badInit.message().path("error").path("code").asInt(), badInit.body());
    }

    @Test
    void aHugeChunkedBodyIsCutOffWhileItStreamsIn() throws Exception {
        HttpURLConnection c = (HttpURLConnection) raw.url().toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setChunkedStreamingMode(64 * 1024);
        c.setRequestProperty("Authorization", session.leadEndpoint()[1]);
        c.setRequestProperty("Content-Type", "application/json");
        c.setRequestProperty("Accept", "application/json, text/event-stream");
        c.setRequestProperty("Mcp-Session-Id", raw.sessionId());
        long sent = 0;
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        try (OutputStream out = c.getOutputStream()) {
            out.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"".getBytes());
            while (sent < 400L * 1024 * 1024) {
                out.write(chunk);
                sent += chunk.length;
            }
        } catch (IOException e) {
            // the server stopped reading and answered: exactly what is expected
        }
        int status;
        try {
            status = c.getResponseCode();
        } catch (IOException e) {
            status = -1;  // the connection was closed after the early answer
        }
        System.out.println("chunked body: the server stopped it after " + sent / (1024 * 1024) + " MiB sent, status "
                + status);
        assertTrue(sent < 64L * 1024 * 1024, "the upload was cut off early, not read whole: " + sent);
        assertTrue(status == 413 || status == -1, "status " + status);
        assertEquals(0, raw.post(RawMcp.call(2, "list_workers", "{}")).message().path("result").path("isError")
                .asInt(0), "the server still answers");
    }

    @Test
    void afterAllThatTheSessionStillSpawnsAWorker() throws Exception {
        raw.post("{oops");
        raw.post(RawMcp.call(3, "spawn_worker", "[]"));
        RawMcp.Reply spawned = raw.post(RawMcp.call(4, "spawn_worker", RawMcp.JSON.writeValueAsString(
                Map.of("task", "A note"))));
        JsonNode result = spawned.message().path("result");
        assertFalse(result.path("isError").asBoolean(), spawned.body());
        assertEquals("w01", result.path("structuredContent").path("worker_id").asText(), spawned.body());
    }
}
