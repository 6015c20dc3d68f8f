package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Anthropic's Messages API as Claude Code uses it (streamed or not), answering from a
 * {@link ModelScript}. MCP tools arrive as {@code mcp__<server>__<tool>}.
 */
final class MessagesApi extends ScriptedModelServer {
    static final String MCP_PREFIX = "mcp__agentorchestr__";

    /** Every agentorchestr tool Claude Code has offered the model so far. */
    final List<String> toolsSeen = new CopyOnWriteArrayList<>();

    MessagesApi(ModelScript script) throws IOException {
        super(script);
    }

    @Override
    protected Reply answer(String method, String path, String body) throws Exception {
        if (path.endsWith("/count_tokens")) {
            return Reply.json(JSON.createObjectNode().put("input_tokens", 100));
        }
        if (!"POST".equals(method) || !path.endsWith("/v1/messages")) {
            throw new BadRequest("not served here: " + method + " " + path);
        }
        JsonNode request = readRequest(body, "messages");
        Set<String> offered = new HashSet<>();
        for (JsonNode t : request.path("tools")) {
            String name = t.path("name").asText();
            offered.add(name);
            if (name.startsWith(MCP_PREFIX) && !toolsSeen.contains(name)) {
                toolsSeen.add(name);
            }
        }
        ModelScript.Conversation c = conversation(request, offered);
        ModelScript.Move move = ModelScript.isCompaction(c) ? script.compact(c)
                : offered.isEmpty() && ModelScript.isBriefRequest(c) ? new ModelScript.Text(c.userText().strip())
                : offered.contains("Bash") ? script.next(c) : new ModelScript.Text("OK");
        ObjectNode message = message(request.path("model").asText("claude-sonnet-4-5"), move);
        return request.path("stream").asBoolean() ? Reply.sse(sse(message)) : Reply.json(message);
    }

    private static ModelScript.Conversation conversation(JsonNode request, Set<String> offered) {
        StringBuilder user = new StringBuilder();
        Set<String> answered = new HashSet<>();
        for (JsonNode m : request.path("messages")) {
            if (!"user".equals(m.path("role").asText())) {
                continue;
            }
            if (m.path("content").isTextual()) {
                user.append(m.path("content").asText()).append('\n');
            }
            for (JsonNode block : m.path("content")) {
                if ("tool_result".equals(block.path("type").asText())) {
                    answered.add(block.path("tool_use_id").asText());
                } else {
                    user.append(block.path("text").asText()).append('\n');
                }
            }
        }
        return new ModelScript.Conversation(user.toString(), answered, tool -> offered.contains(MCP_PREFIX + tool));
    }

    private static ObjectNode message(String model, ModelScript.Move move) {
        ObjectNode m = JSON.createObjectNode().put("id", "msg_scripted_" + System.nanoTime()).put("type", "message")
                .put("role", "assistant").put("model", model);
        ObjectNode block = m.putArray("content").addObject();
        if (move instanceof ModelScript.ShellCall s) {
            block.put("type", "tool_use").put("id", s.callId()).put("name", "Bash")
                    .set("input", JSON.valueToTree(Map.of("command", s.command(), "description", "scripted step")));
        } else if (move instanceof ModelScript.McpCall c) {
            block.put("type", "tool_use").put("id", c.callId()).put("name", MCP_PREFIX + c.tool())
                    .set("input", JSON.valueToTree(c.args()));
        } else {
            block.put("type", "text").put("text", ((ModelScript.Text) move).text());
        }
        m.put("stop_reason", block.has("input") ? "tool_use" : "end_turn");
        m.putNull("stop_sequence");
        m.putObject("usage").put("input_tokens", 100).put("output_tokens", 20);
        return m;
    }

    private static String sse(ObjectNode message) {
        ObjectNode start = message.deepCopy();
        JsonNode block = start.get("content").get(0);
        start.putArray("content");
        start.putNull("stop_reason");
        StringBuilder out = new StringBuilder();
        event(out, "message_start", JSON.createObjectNode().put("type", "message_start").set("message", start));
        ObjectNode blockStart = ((ObjectNode) block).deepCopy();
        ObjectNode delta = JSON.createObjectNode();
        if (block.has("input")) {
            blockStart.putObject("input");
            delta.put("type", "input_json_delta").put("partial_json", block.get("input").toString());
        } else {
            blockStart.put("text", "");
            delta.put("type", "text_delta").put("text", block.get("text").asText());
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
}
