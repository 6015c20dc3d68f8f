package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI's Responses API as Codex uses it (streamed, tools as functions, MCP tools grouped in a
 * namespace per server), answering from a {@link ModelScript}.
 */
final class ResponsesApi extends ScriptedModelServer {
    ResponsesApi(ModelScript script) throws IOException {
        super(script);
    }

    @Override
    protected Reply answer(String method, String path, String body) throws Exception {
        if ("GET".equals(method) && path.endsWith("/models")) {
            ObjectNode list = JSON.createObjectNode().put("object", "list");
            list.putArray("data").addObject().put("id", "scripted-model").put("object", "model");
            list.putArray("models");
            return Reply.json(list);
        }
        if (!"POST".equals(method) || !path.endsWith("/responses")) {
            throw new BadRequest("not served here: " + method + " " + path);
        }
        JsonNode request = readRequest(body, "input");
        ObjectNode item;
        if (request.path("tools").isEmpty()) {
            // An aside (a title, a summary): JSON when a schema is asked for.
            boolean schema = "json_schema".equals(request.path("text").path("format").path("type").asText());
            item = message(schema ? "{\"title\":\"Scripted task\"}" : "OK");
        } else {
            item = move(request, script.next(conversation(request)));
        }
        return Reply.sse(stream(item));
    }

    private static ModelScript.Conversation conversation(JsonNode request) {
        StringBuilder user = new StringBuilder();
        Set<String> answered = new HashSet<>();
        for (JsonNode in : request.path("input")) {
            String type = in.path("type").asText();
            if ("message".equals(type) && "user".equals(in.path("role").asText())) {
                for (JsonNode c : in.path("content")) {
                    user.append(c.path("text").asText()).append('\n');
                }
            } else if ("function_call_output".equals(type)) {
                answered.add(in.path("call_id").asText());
            }
        }
        return new ModelScript.Conversation(user.toString(), answered, tool -> mcpNamespace(request, tool).isPresent());
    }

    /** The namespace of agentorchestr's MCP tools that holds {@code tool}, if offered. */
    private static Optional<String> mcpNamespace(JsonNode request, String tool) {
        for (JsonNode t : request.path("tools")) {
            if ("namespace".equals(t.path("type").asText()) && t.path("name").asText().contains("agentorchestr")) {
                for (JsonNode inner : t.path("tools")) {
                    if (tool.equals(inner.path("name").asText())) {
                        return Optional.of(t.path("name").asText());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static ObjectNode move(JsonNode request, ModelScript.Move move) throws BadRequest {
        if (move instanceof ModelScript.ShellCall s) {
            return call(s.callId(), "exec_command", null, JSON.createObjectNode().put("cmd", s.command()));
        }
        if (move instanceof ModelScript.McpCall m) {
            String namespace = mcpNamespace(request, m.tool()).orElseThrow(() -> new BadRequest(
                    "the script calls MCP tool " + m.tool() + " but the request offers no agentorchestr namespace with it"));
            return call(m.callId(), m.tool(), namespace, JSON.valueToTree(m.args()));
        }
        return message(((ModelScript.Text) move).text());
    }

    private static ObjectNode call(String callId, String name, String namespace, JsonNode args) {
        ObjectNode item = JSON.createObjectNode().put("type", "function_call").put("id", "fc_" + callId)
                .put("call_id", callId).put("name", name).put("arguments", args.toString());
        if (namespace != null) {
            item.put("namespace", namespace);
        }
        return item;
    }

    private static ObjectNode message(String text) {
        ObjectNode item = JSON.createObjectNode().put("type", "message").put("role", "assistant")
                .put("id", "msg_" + System.nanoTime());
        item.putArray("content").addObject().put("type", "output_text").put("text", text);
        return item;
    }

    private static String stream(ObjectNode item) {
        String id = "resp_" + System.nanoTime();
        StringBuilder out = new StringBuilder();
        event(out, "response.created", JSON.createObjectNode().put("type", "response.created")
                .set("response", JSON.createObjectNode().put("id", id)));
        event(out, "response.output_item.done", JSON.createObjectNode().put("type", "response.output_item.done")
                .set("item", item));
        ObjectNode usage = JSON.createObjectNode().put("input_tokens", 100).put("output_tokens", 20)
                .put("total_tokens", 120);
        event(out, "response.completed", JSON.createObjectNode().put("type", "response.completed")
                .set("response", JSON.createObjectNode().put("id", id).set("usage", usage)));
        return out.toString();
    }

    private static void event(StringBuilder out, String name, JsonNode data) {
        out.append("event: ").append(name).append('\n').append("data: ").append(data).append("\n\n");
    }
}
