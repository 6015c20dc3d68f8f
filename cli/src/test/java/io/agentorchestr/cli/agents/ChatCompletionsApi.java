package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenAI-compatible Chat Completions API (as OpenCode's openai-compatible provider uses it,
 * streamed or not), answering from a {@link ModelScript}. MCP tools arrive as functions named
 * {@code <server>_<tool>}.
 */
final class ChatCompletionsApi extends ScriptedModelServer {
    ChatCompletionsApi(ModelScript script) throws IOException {
        super(script);
    }

    @Override
    protected Reply answer(String method, String path, String body) throws Exception {
        if ("GET".equals(method) && path.endsWith("/models")) {
            ObjectNode list = JSON.createObjectNode().put("object", "list");
            list.putArray("data").addObject().put("id", "scripted-model").put("object", "model");
            return Reply.json(list);
        }
        if (!"POST".equals(method) || !path.endsWith("/chat/completions")) {
            throw new BadRequest("not served here: " + method + " " + path);
        }
        JsonNode request = readRequest(body, "messages");
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        if (request.path("tools").isEmpty()) {
            message.put("content", "Scripted title");
        } else {
            ModelScript.Move move = script.next(conversation(request));
            if (move instanceof ModelScript.Text t) {
                message.put("content", t.text());
            } else {
                message.putNull("content");
                message.putArray("tool_calls").add(call(request, move));
            }
        }
        String finish = message.has("tool_calls") ? "tool_calls" : "stop";
        return request.path("stream").asBoolean() ? Reply.sse(stream(message, finish)) : Reply.json(whole(message, finish));
    }

    private static ModelScript.Conversation conversation(JsonNode request) {
        StringBuilder user = new StringBuilder();
        Set<String> answered = new HashSet<>();
        for (JsonNode m : request.path("messages")) {
            String role = m.path("role").asText();
            if ("tool".equals(role)) {
                answered.add(m.path("tool_call_id").asText());
            } else if ("user".equals(role)) {
                JsonNode content = m.path("content");
                if (content.isArray()) {
                    content.forEach(c -> user.append(c.path("text").asText()).append('\n'));
                } else {
                    user.append(content.asText()).append('\n');
                }
            }
        }
        return new ModelScript.Conversation(user.toString(), answered, tool -> mcpName(request, tool).isPresent());
    }

    private static Optional<String> mcpName(JsonNode request, String tool) {
        for (JsonNode t : request.path("tools")) {
            String name = t.path("function").path("name").asText();
            if (name.endsWith("_" + tool) && name.contains("agentorchestr")) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static ObjectNode call(JsonNode request, ModelScript.Move move) throws BadRequest {
        String id;
        String name;
        JsonNode args;
        if (move instanceof ModelScript.ShellCall s) {
            id = s.callId();
            name = "bash";
            args = JSON.valueToTree(Map.of("command", s.command(), "description", "scripted step"));
        } else {
            ModelScript.McpCall m = (ModelScript.McpCall) move;
            id = m.callId();
            name = mcpName(request, m.tool()).orElseThrow(() -> new BadRequest("the script calls MCP tool "
                    + m.tool() + " but the request offers no such function"));
            args = JSON.valueToTree(m.args());
        }
        ObjectNode call = JSON.createObjectNode().put("index", 0).put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", args.toString());
        return call;
    }

    private static ObjectNode whole(ObjectNode message, String finish) {
        ObjectNode r = JSON.createObjectNode().put("id", "chatcmpl-" + System.nanoTime())
                .put("object", "chat.completion").put("created", 1).put("model", "scripted-model");
        r.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
        r.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return r;
    }

    private static String stream(ObjectNode message, String finish) {
        String id = "chatcmpl-" + System.nanoTime();
        ObjectNode first = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", 1).put("model", "scripted-model");
        first.putArray("choices").addObject().put("index", 0).putNull("finish_reason").set("delta", message);
        ObjectNode last = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", 1).put("model", "scripted-model");
        last.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).putObject("delta");
        last.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return "data: " + first + "\n\ndata: " + last + "\n\ndata: [DONE]\n\n";
    }
}
