package io.agentorchestr.core.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentorchestr.core.model.ModelReply;
import io.agentorchestr.core.model.ModelRequest;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * The three request and response shapes: Anthropic Messages (the system part marked for prompt
 * caching), OpenAI-compatible Chat Completions, and Gemini generateContent. Non-streaming: one JSON
 * answer, read whole.
 */
final class WireFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireFormat() {
    }

    static HttpRequest.Builder request(Provider p, String model, ModelRequest r) {
        String base = p.baseUrl().replaceAll("/+$", "");
        ObjectNode body = JSON.createObjectNode();
        HttpRequest.Builder b;
        switch (p.format()) {
            case ANTHROPIC -> {
                b = HttpRequest.newBuilder(URI.create(base + "/v1/messages")).header("x-api-key", p.apiKey())
                        .header("anthropic-version", "2023-06-01");
                body.put("model", model).put("max_tokens", r.maxTokens());
                ObjectNode system = body.putArray("system").addObject().put("type", "text").put("text", r.system());
                system.putObject("cache_control").put("type", "ephemeral");
                body.putArray("messages").addObject().put("role", "user").put("content", r.prompt());
            }
            case CHAT_COMPLETIONS -> {
                b = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                        .header("Authorization", "Bearer " + p.apiKey());
                body.put("model", model).put("max_tokens", r.maxTokens());
                ArrayNode messages = body.putArray("messages");
                messages.addObject().put("role", "system").put("content", r.system());
                messages.addObject().put("role", "user").put("content", r.prompt());
            }
            default -> {
                b = HttpRequest.newBuilder(URI.create(base + "/models/" + model + ":generateContent"))
                        .header("x-goog-api-key", p.apiKey());
                body.putObject("systemInstruction").putArray("parts").addObject().put("text", r.system());
                ObjectNode user = body.putArray("contents").addObject().put("role", "user");
                user.putArray("parts").addObject().put("text", r.prompt());
                body.putObject("generationConfig").put("maxOutputTokens", r.maxTokens());
            }
        }
        return b.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    /** The answer's text and tokens; a body without them is a {@link CallFailure}. */
    static ModelReply reply(Provider p, String model, String body) {
        JsonNode r;
        try {
            r = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new CallFailure("its answer was not JSON (" + firstLine(body) + ")", true);
        }
        StringBuilder text = new StringBuilder();
        long in;
        long out;
        switch (p.format()) {
            case ANTHROPIC -> {
                r.path("content").forEach(c -> text.append(c.path("type").asText().equals("text")
                        ? c.path("text").asText() : ""));
                JsonNode u = r.path("usage");
                in = u.path("input_tokens").asLong() + u.path("cache_creation_input_tokens").asLong()
                        + u.path("cache_read_input_tokens").asLong();
                out = u.path("output_tokens").asLong();
            }
            case CHAT_COMPLETIONS -> {
                text.append(r.path("choices").path(0).path("message").path("content").asText(""));
                in = r.path("usage").path("prompt_tokens").asLong();
                out = r.path("usage").path("completion_tokens").asLong();
            }
            default -> {
                r.path("candidates").path(0).path("content").path("parts").forEach(x ->
                        text.append(x.path("text").asText("")));
                in = r.path("usageMetadata").path("promptTokenCount").asLong();
                out = r.path("usageMetadata").path("candidatesTokenCount").asLong();
            }
        }
        if (text.toString().isBlank()) {
            throw new CallFailure("its answer had no text (" + firstLine(body) + ")", true);
        }
        return new ModelReply(text.toString(), p.name(), model, in, out);
    }

    static String firstLine(String body) {
        String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
