package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.rpc.RpcError;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One server-sent-event stream on a suspended HTTP request: the answer to one JSON-RPC request, or a
 * session's listening stream. Nothing waits on a thread: messages are written by whoever produces
 * them, and a heartbeat (an SSE comment, which clients ignore) is written now and then so that a
 * client that went away is noticed by the failed write and its work is cancelled.
 */
final class SseStream implements McpStreamableServerTransport {
    private final AsyncContext async;
    private final PrintWriter writer;
    private final McpJsonMapper json;
    private final List<Runnable> onGone = new ArrayList<>();
    private boolean closed;
    /** The request this stream answers; null for a session's listening stream. */
    private volatile com.fasterxml.jackson.databind.JsonNode request;
    private volatile boolean answered;

    SseStream(AsyncContext async, PrintWriter writer, McpJsonMapper json) {
        this.async = async;
        this.writer = writer;
        this.json = json;
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                gone();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                gone();
            }

            @Override
            public void onError(AsyncEvent event) {
                gone();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // not re-started
            }
        });
    }

    /** This stream carries the answer to request {@code id}. */
    SseStream answering(com.fasterxml.jackson.databind.JsonNode id) {
        this.request = id;
        return this;
    }

    /** Runs {@code action} once when the stream ends for any reason (answered, client gone, server closing). */
    void whenGone(Runnable action) {
        boolean now;
        synchronized (this) {
            now = closed;
            if (!now) {
                onGone.add(action);
            }
        }
        if (now) {
            action.run();
        }
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.fromRunnable(() -> {
            String data;
            try {
                data = json.writeValueAsString(withoutDetails(message));
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialize an MCP message: " + e.getMessage(), e);
            }
            if (message instanceof McpSchema.JSONRPCResponse) {
                answered = true;
            }
            write((messageId == null ? "" : "id: " + messageId + "\n") + "event: message\ndata: " + data + "\n\n");
        });
    }

    /** Answers {@code id} with a JSON-RPC error (when the stream is still open). */
    void error(com.fasterxml.jackson.databind.JsonNode id, int code, String message) {
        RpcError e = new RpcError(code, message, id, 200);
        write("event: message\ndata: " + e.toJson() + "\n\n");
    }

    /** Writes an SSE comment; false when the client is gone (the stream is then closed). */
    boolean heartbeat() {
        return write(":\n\n");
    }

    private boolean write(String text) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            writer.write(text);
            writer.flush();
            if (!writer.checkError()) {
                return true;
            }
        }
        close();
        return false;
    }

    /**
     * An error answer carries a short message and nothing else: the SDK puts the whole exception
     * chain into {@code data}, which is noise to an agent and leaks internals.
     */
    private static McpSchema.JSONRPCMessage withoutDetails(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCResponse r && r.error() != null) {
            String text = String.valueOf(r.error().message()).lines().findFirst().orElse("error");
            if (text.length() > 500) {
                text = text.substring(0, 497) + "...";
            }
            return new McpSchema.JSONRPCResponse(r.jsonrpc(), r.id(), null,
                    new McpSchema.JSONRPCResponse.JSONRPCError(r.error().code(), text, null));
        }
        return message;
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            // The SDK ends a request's stream this way also when its handling failed before any
            // answer (it closes before the failure reaches the subscriber): an empty 200 is no answer.
            if (request != null && !answered) {
                error(request, -32603, "agentorchestr failed while handling this request and has no answer for it; "
                        + "the session goes on: try again, or report it if it repeats");
            }
            close();
        });
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed by the container (the client went away)
        }
        gone();
    }

    private void gone() {
        List<Runnable> actions;
        synchronized (this) {
            closed = true;
            actions = new ArrayList<>(onGone);
            onGone.clear();
        }
        actions.forEach(Runnable::run);
    }
}
