package io.agentorchestr.cli.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the Anthropic Messages API, scripted like a model that leads with our MCP
 * tools: each reply is chosen by how many tool results the conversation already holds. Requests
 * that carry no agentorchestr tools (titles, summaries) get a short text answer.
 */
final class FakeAnthropicApi implements AutoCloseable {
    static final String TOOL_PREFIX = "mcp__agentorchestr__";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted step: a tool call (name without prefix, arguments) or, when tool is null, final text. */
    record Step(String tool, Map<String, Object> input, String text) {
        static Step call(String tool, Map<String, Object> input) {
            return new Step(tool, input, null);
        }

        static Step say(String text) {
            return new Step(null, Map.of(), text);
        }
    }

    private final HttpServer server;
    private final List<Step> script;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> toolsSeen = new CopyOnWriteArrayList<>();

    FakeAnthropicApi(List<Step> script) throws IOException {
        this.script = List.copyOf(script);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        String summary = ex.getRequestMethod() + " " + ex.getRequestURI();
        if (!path.endsWith("/v1/messages")) {
            requests.add(summary + " " + abbreviate(body));
        }
        if (path.endsWith("/count_tokens")) {
            respond(ex, 200, "application/json", "{\"input_tokens\":100}");
            return;
        }
        if (!path.endsWith("/v1/messages") || !"POST".equals(ex.getRequestMethod())) {
            respond(ex, 404, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\","
                    + "\"message\":\"not in the fake\"}}");
            return;
        }
        JsonNode request = JSON.readTree(body);
        boolean leads = false;
        for (JsonNode t : request.path("tools")) {
            String name = t.path("name").asText();
            if (name.startsWith(TOOL_PREFIX)) {
                leads = true;
                if (!toolsSeen.contains(name)) {
                    toolsSeen.add(name);
                }
            }
        }
        requests.add(summary + " tools=" + request.path("tools").size() + " leads=" + leads + " toolResults="
                + toolResults(request) + " messages=" + request.path("messages").size());
        Step step = leads ? script.get(Math.min(toolResults(request), script.size() - 1)) : Step.say("OK");
        ObjectNode message = message(request.path("model").asText("claude-sonnet-4-5"), step);
        if (request.path("stream").asBoolean()) {
            respond(ex, 200, "text/event-stream", sse(message, step));
        } else {
            respond(ex, 200, "application/json", message.toString());
        }
    }

    /** How far the conversation is: the number of tool_result blocks sent back so far. */
    private static int toolResults(JsonNode request) {
        int n = 0;
        for (JsonNode m : request.path("messages")) {
            for (JsonNode block : m.path("content")) {
                if ("tool_result".equals(block.path("type").asText())) {
                    n++;
                }
            }
        }
        return n;
    }

    private ObjectNode message(String model, Step step) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", "msg_fake_" + System.nanoTime());
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", model);
        ObjectNode block = m.putArray("content").addObject();
        if (step.tool() != null) {
            block.put("type", "tool_use");
            block.put("id", "toolu_fake_" + System.nanoTime());
            block.put("name", TOOL_PREFIX + step.tool());
            block.set("input", JSON.valueToTree(step.input()));
        } else {
            block.put("type", "text");
            block.put("text", step.text());
        }
        m.put("stop_reason", step.tool() != null ? "tool_use" : "end_turn");
        m.putNull("stop_sequence");
        m.putObject("usage").put("input_tokens", 100).put("output_tokens", 20);
        return m;
    }

    private static String sse(ObjectNode message, Step step) {
        ObjectNode start = message.deepCopy();
        JsonNode block = start.get("content").get(0);
        start.putArray("content");
        start.putNull("stop_reason");
        StringBuilder out = new StringBuilder();
        event(out, "message_start", JSON.createObjectNode().put("type", "message_start").set("message", start));
        ObjectNode blockStart = ((ObjectNode) block).deepCopy();
        ObjectNode delta = JSON.createObjectNode();
        if (step.tool() != null) {
            blockStart.putObject("input");
            delta.put("type", "input_json_delta").put("partial_json", block.get("input").toString());
        } else {
            blockStart.put("text", "");
            delta.put("type", "text_delta").put("text", step.text());
        }
        event(out, "content_block_start", JSON.createObjectNode().put("type", "content_block_start").put("index", 0)
                .set("content_block", blockStart));
        event(out, "content_block_delta", JSON.createObjectNode().put("type", "content_block_delta").put("index", 0)
                .set("delta", delta));
        event(out, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
        ObjectNode md = JSON.createObjectNode().put("type", "message_delta");
        md.putObject("delta").put("stop_reason", message.get("stop_reason").asText()).putNull("stop_sequence");
        md.putObject("usage").put("output_tokens", 20);
        event(out, "message_delta", md);
        event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
        return out.toString();
    }

    private static void event(StringBuilder out, String name, JsonNode data) {
        out.append("event: ").append(name).append('\n').append("data: ").append(data).append("\n\n");
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("request-id", "req_fake");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
