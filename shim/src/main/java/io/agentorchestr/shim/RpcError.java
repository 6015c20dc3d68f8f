package io.agentorchestr.shim;

/** A JSON-RPC 2.0 error to answer with: its code says whose fault it is, its message what to fix. */
final class RpcError extends RuntimeException {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    private final int code;

    RpcError(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }

    static RpcError params(String message) {
        return new RpcError(INVALID_PARAMS, message);
    }
}
