package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Gemini API (generativelanguage v1beta) as Gemini CLI uses it, answering from a {@link ModelScript}:
 * streamGenerateContent (SSE), generateContent, countTokens. Side requests that ask for JSON by schema
 * (routing, checks) get an object filled in from the schema.
 */
final class GeminiApi extends ScriptedModelServer {
    GeminiApi(ModelScript script) throws IOException {
        super(script);
    }

    @Override
    protected Reply answer(String method, String path, String body) throws Exception {
        if ("GET".equals(method)) {
            return Reply.json(JSON.createObjectNode().putArray("models"));
        }
        if (!"POST".equals(method) || !path.contains("/models/")) {
            throw new BadRequest("not served here: " + method + " " + path);
        }
        if (path.endsWith(":countTokens")) {
            return Reply.json(JSON.createObjectNode().put("totalTokens", 100));
        }
        JsonNode request = readRequest(body, "contents");
        JsonNode config = request.path("generationConfig");
        ObjectNode part;
        if ("application/json".equals(config.path("responseMimeType").asText())) {
            JsonNode schema = config.has("responseJsonSchema") ? config.get("responseJsonSchema")
                    : config.path("responseSchema");
            part = JSON.createObjectNode().put("text", fill(schema).toString());
        } else if (declarations(request).isEmpty()) {
            part = JSON.createObjectNode().put("text", "OK");
        } else {
            part = move(request, script.next(conversation(request)));
        }
        ObjectNode response = JSON.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").putArray("parts").add(part);
        candidate.put("finishReason", "STOP").put("index", 0);
        response.putObject("usageMetadata").put("promptTokenCount", 100).put("candidatesTokenCount", 20)
                .put("totalTokenCount", 120);
        return path.contains(":streamGenerateContent") ? Reply.sse("data: " + response + "\r\n\r\n")
                : Reply.json(response);
    }

    private static java.util.List<JsonNode> declarations(JsonNode request) {
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        for (JsonNode tool : request.path("tools")) {
            tool.path("functionDeclarations").forEach(all::add);
        }
        return all;
    }

    private static ModelScript.Conversation conversation(JsonNode request) {
        StringBuilder user = new StringBuilder();
        Set<String> answered = new HashSet<>();
        for (JsonNode content : request.path("contents")) {
            for (JsonNode p : content.path("parts")) {
                if (p.has("functionResponse")) {
                    answered.add(p.path("functionResponse").path("id").asText());
                } else if ("user".equals(content.path("role").asText())) {
                    user.append(p.path("text").asText()).append('\n');
                }
            }
        }
        return new ModelScript.Conversation(user.toString(), answered, tool -> mcpName(request, tool).isPresent());
    }

    /** The declared name of agentorchestr's MCP tool {@code tool}: bare, or prefixed with its server's name. */
    private static Optional<String> mcpName(JsonNode request, String tool) {
        for (JsonNode d : declarations(request)) {
            String name = d.path("name").asText();
            if (name.equals(tool) || name.endsWith("_" + tool) && name.contains("agentorchestr")) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static ObjectNode move(JsonNode request, ModelScript.Move move) throws BadRequest {
        if (move instanceof ModelScript.ShellCall s) {
            return call(s.callId(), "run_shell_command", Map.of("command", s.command(),
                    "description", "scripted step"));
        }
        if (move instanceof ModelScript.McpCall m) {
            String name = mcpName(request, m.tool()).orElseThrow(() -> new BadRequest(
                    "the script calls MCP tool " + m.tool() + " but the request declares no such function, only "
                            + declarations(request).stream().map(d -> d.path("name").asText()).toList()));
            return call(m.callId(), name, m.args());
        }
        return JSON.createObjectNode().put("text", ((ModelScript.Text) move).text());
    }

    private static ObjectNode call(String id, String name, Map<String, Object> args) {
        ObjectNode part = JSON.createObjectNode();
        part.putObject("functionCall").put("id", id).put("name", name).set("args", JSON.valueToTree(args));
        return part;
    }

    /** A value that satisfies a (Gemini-style or JSON) schema: its first enum value, or a plain default. */
    static JsonNode fill(JsonNode schema) {
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText("object").toLowerCase(java.util.Locale.ROOT);
        switch (type) {
            case "object" -> {
                ObjectNode o = JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    o.set(e.getKey(), fill(e.getValue()));
                }
                return o;
            }
            case "array" -> {
                return JSON.createArrayNode();
            }
            case "integer", "number" -> {
                return JSON.getNodeFactory().numberNode(1);
            }
            case "boolean" -> {
                return JSON.getNodeFactory().booleanNode(false);
            }
            default -> {
                return JSON.getNodeFactory().textNode("scripted");
            }
        }
    }
}
