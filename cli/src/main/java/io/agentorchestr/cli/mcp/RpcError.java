package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC error the transport answers itself, before the MCP session sees the message: what went
 * wrong (a message for the client's developer or agent, never a stack trace), the JSON-RPC code, the
 * request id when one could be read, and the HTTP status to send it with.
 */
record RpcError(int code, String message, JsonNode id, int httpStatus) {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;

    static RpcError parse(String message) {
        return new RpcError(PARSE_ERROR, message, null, 400);
    }

    static RpcError invalidRequest(String message, JsonNode id) {
        return new RpcError(INVALID_REQUEST, message, id, 400);
    }

    /** A well-formed request with bad parameters: answered as a normal JSON-RPC response to its id. */
    static RpcError invalidParams(String message, JsonNode id) {
        return new RpcError(INVALID_PARAMS, message, id, 200);
    }

    RpcError withHttpStatus(int status) {
        return new RpcError(code, message, id, status);
    }

    /** The JSON-RPC response object: {@code {"jsonrpc":"2.0","id":...,"error":{"code":...,"message":...}}}. */
    ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("jsonrpc", "2.0");
        root.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        root.putObject("error").put("code", code).put("message", message);
        return root;
    }
}
