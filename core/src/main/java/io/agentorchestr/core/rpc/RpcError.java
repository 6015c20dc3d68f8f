package io.agentorchestr.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC 2.0 error, the one type for the MCP transport and the shim's socket: what went wrong (a
 * message for the client's developer or agent, never a stack trace), the code that says whose fault
 * it is, the request id when one could be read, and the HTTP status to send it with over HTTP.
 */
public record RpcError(int code, String message, JsonNode id, int httpStatus) {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    public static RpcError parse(String message) {
        return new RpcError(PARSE_ERROR, message, null, 400);
    }

    public static RpcError invalidRequest(String message, JsonNode id) {
        return new RpcError(INVALID_REQUEST, message, id, 400);
    }

    /** A well-formed request with bad parameters: answered as a normal JSON-RPC response to its id. */
    public static RpcError invalidParams(String message, JsonNode id) {
        return new RpcError(INVALID_PARAMS, message, id, 200);
    }

    public static RpcError methodNotFound(String message, JsonNode id) {
        return new RpcError(METHOD_NOT_FOUND, message, id, 200);
    }

    /** The server failed; the client may try again. */
    public static RpcError internal(String message, JsonNode id) {
        return new RpcError(INTERNAL_ERROR, message, id, 500);
    }

    public RpcError withHttpStatus(int status) {
        return new RpcError(code, message, id, status);
    }

    public RpcError withId(JsonNode requestId) {
        return new RpcError(code, message, requestId, httpStatus);
    }

    /** The JSON-RPC response object: {@code {"jsonrpc":"2.0","id":...,"error":{"code":...,"message":...}}}. */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("jsonrpc", "2.0");
        root.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        root.putObject("error").put("code", code).put("message", message);
        return root;
    }

    /** For a method handler whose request's parameters are wrong: answered with {@link #INVALID_PARAMS}. */
    public static Raised badParams(String message) {
        return invalidParams(message, null).raised();
    }

    /** For a method handler that failed: answered with {@link #INTERNAL_ERROR}. */
    public static Raised failed(String message) {
        return internal(message, null).raised();
    }

    /** This error as an exception, for a method handler to answer with it. */
    public Raised raised() {
        return new Raised(this);
    }

    /** Thrown by a method handler: its request is answered with {@link #error()}. */
    public static final class Raised extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RpcError error;

        private Raised(RpcError error) {
            super(error.message());
            this.error = error;
        }

        public RpcError error() {
            return error;
        }
    }
}
