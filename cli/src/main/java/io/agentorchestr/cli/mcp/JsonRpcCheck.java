package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.rpc.RpcError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * Reads one JSON-RPC 2.0 message and says what it is, or why it is not one (JSON-RPC's own codes:
 * -32700 not JSON, -32600 not a valid message, -32602 parameters that are not an object). The MCP
 * SDK's session code assumes well-formed input and fails without an answer otherwise, so nothing
 * reaches it unchecked.
 */
final class JsonRpcCheck {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    enum Kind { REQUEST, NOTIFICATION, RESPONSE }

    /** A message that passed the checks. */
    record Message(Kind kind, JsonNode node, String method, JsonNode id) {
        JsonNode params() {
            return node.path("params");
        }
    }

    /** Either a message or the error to answer. */
    record Result(Message message, RpcError error) {
        static Result ok(Message m) {
            return new Result(m, null);
        }

        static Result fail(RpcError e) {
            return new Result(null, e);
        }
    }

    private JsonRpcCheck() {
    }

    static Result read(String body) {
        JsonNode node;
        try {
            node = body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Result.fail(RpcError.parse("the request body is not valid JSON ("
                    + e.getOriginalMessage().lines().findFirst().orElse("parse error") + ")"));
        }
        if (node == null || node.isMissingNode()) {
            return Result.fail(RpcError.invalidRequest("the request body is empty; send one JSON-RPC 2.0 message",
                    null));
        }
        if (node.isArray()) {
            return Result.fail(RpcError.invalidRequest("JSON-RPC batches are not supported (MCP removed them); send "
                    + "one message per request", null));
        }
        if (!node.isObject()) {
            return Result.fail(RpcError.invalidRequest("a JSON-RPC message must be a JSON object, not "
                    + describe(node), null));
        }
        JsonNode id = node.get("id");
        JsonNode idForError = id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
        if (!"2.0".equals(node.path("jsonrpc").asText(null)) || !node.path("jsonrpc").isTextual()) {
            return Result.fail(RpcError.invalidRequest("\"jsonrpc\" must be \"2.0\"", idForError));
        }
        if (id != null && !id.isNull() && idForError == null) {
            return Result.fail(RpcError.invalidRequest("\"id\" must be a string or an integer, not " + describe(id),
                    null));
        }
        JsonNode method = node.get("method");
        if (method == null) {
            if (idForError != null && (node.has("result") || node.has("error"))) {
                return Result.ok(new Message(Kind.RESPONSE, node, null, idForError));
            }
            return Result.fail(RpcError.invalidRequest("the message has no \"method\" (and is not a response)",
                    idForError));
        }
        if (!method.isTextual() || method.asText().isBlank()) {
            return Result.fail(RpcError.invalidRequest("\"method\" must be a non-empty string", idForError));
        }
        JsonNode params = node.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            RpcError e = idForError == null
                    ? RpcError.invalidRequest("\"params\" must be an object, not " + describe(params), null)
                    : RpcError.invalidParams("\"params\" must be an object, not " + describe(params), idForError);
            return Result.fail(e);
        }
        if (id != null && id.isNull()) {
            return Result.fail(RpcError.invalidRequest("\"id\" must not be null; omit it for a notification", null));
        }
        return Result.ok(new Message(id == null ? Kind.NOTIFICATION : Kind.REQUEST, node, method.asText(), id));
    }

    /** Checks MCP's own parameter shapes the SDK relies on; empty when fine. */
    static Optional<String> paramsProblem(Message m) {
        JsonNode p = m.params();
        if (m.method() == null) {
            return Optional.empty();   // a response: it has no params to check
        }
        switch (m.method()) {
            case "initialize" -> {
                if (!p.path("protocolVersion").isTextual()) {
                    return Optional.of("initialize needs \"protocolVersion\" (a string) in its params");
                }
                if (p.has("capabilities") && !p.get("capabilities").isObject()) {
                    return Optional.of("initialize: \"capabilities\" must be an object");
                }
                if (p.has("clientInfo") && !p.get("clientInfo").isObject()) {
                    return Optional.of("initialize: \"clientInfo\" must be an object");
                }
            }
            case "tools/call" -> {
                if (!p.path("name").isTextual()) {
                    return Optional.of("tools/call needs \"name\" (the tool's name, a string) in its params");
                }
                JsonNode args = p.get("arguments");
                if (args != null && !args.isNull() && !args.isObject()) {
                    return Optional.of("tools/call: \"arguments\" must be an object of named arguments, not "
                            + describe(args));
                }
            }
            default -> {
                // other methods take optional params the SDK reads leniently
            }
        }
        return Optional.empty();
    }

    static String describe(JsonNode n) {
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isNull()) {
            return "null";
        }
        return "an object";
    }
}
