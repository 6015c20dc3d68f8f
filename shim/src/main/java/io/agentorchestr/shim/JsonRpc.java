package io.agentorchestr.shim;

import io.agentorchestr.core.rpc.RpcError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * JSON-RPC 2.0 over one request line: parses it, calls the named method, and gives the response
 * line (none for a notification). Every fault of the request is an error response, never a dropped
 * connection.
 */
final class JsonRpc {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Function<JsonNode, JsonNode>> methods;

    JsonRpc(Map<String, Function<JsonNode, JsonNode>> methods) {
        this.methods = Map.copyOf(methods);
    }

    /** The response to {@code line}; empty for a notification (a request without an id). */
    Optional<String> handle(String line) {
        JsonNode request;
        try {
            request = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.of(error(null, RpcError.PARSE_ERROR, "not JSON: " + e.getOriginalMessage()));
        }
        JsonNode id = request == null ? null : request.get("id");
        if (request == null || !request.isObject() || !"2.0".equals(request.path("jsonrpc").asText(null))
                || !request.path("method").isTextual()
                || (id != null && !id.isTextual() && !id.isNumber() && !id.isNull())) {
            return Optional.of(error(id, RpcError.INVALID_REQUEST, "a request is an object with \"jsonrpc\": \"2.0\", "
                    + "a string \"method\", optional \"params\" (an object) and an \"id\" (string or number)"));
        }
        JsonNode params = request.get("params");
        if (params != null && !params.isObject() && !params.isNull()) {
            return Optional.of(error(id, RpcError.INVALID_PARAMS, "params must be an object of named parameters"));
        }
        String name = request.get("method").asText();
        Function<JsonNode, JsonNode> method = methods.get(name);
        if (method == null) {
            return Optional.of(error(id, RpcError.METHOD_NOT_FOUND, "no method \"" + name + "\"; the methods are "
                    + String.join(", ", methods.keySet().stream().sorted().toList())));
        }
        JsonNode result;
        try {
            result = method.apply(params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params);
        } catch (RpcError.Raised e) {
            return id == null ? Optional.empty() : Optional.of(error(id, e.error().code(), e.getMessage()));
        } catch (RuntimeException e) {
            return id == null ? Optional.empty() : Optional.of(error(id, RpcError.INTERNAL_ERROR, name + " failed: "
                    + e.getMessage()));
        }
        if (id == null) {
            return Optional.empty();
        }
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return Optional.of(response.toString());
    }

    static String error(JsonNode id, int code, String message) {
        return new RpcError(code, message, id, 200).toJson().toString();
    }
}
