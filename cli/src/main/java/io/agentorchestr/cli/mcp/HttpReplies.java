package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.rpc.RpcError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The plain HTTP side of the transport: a request's body read within a limit, an error written as JSON-RPC. */
final class HttpReplies {
    private HttpReplies() {
    }

    /**
     * The body, read while counting: a client cannot make us hold more than {@code max} bytes, chunked
     * or not. Empty when it is larger.
     */
    static Optional<String> body(HttpServletRequest request, int max) throws IOException {
        if (request.getContentLengthLong() > max) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** Answers with {@code error} as a JSON-RPC response, with its HTTP status (unless an answer has begun). */
    static void reply(HttpServletResponse response, RpcError error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(error.httpStatus());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(error.toJson().toString());
    }
}
