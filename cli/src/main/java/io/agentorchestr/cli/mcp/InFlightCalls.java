package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.Disposable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls a transport has handed on and not answered yet, by session and JSON-RPC id: so that a
 * client's {@code notifications/cancelled}, its going away, or the server closing ends exactly the
 * right call.
 */
final class InFlightCalls {
    /** A call in progress: its subscription (to cancel), its stream (to end) and its request id (to answer). */
    private record Call(Disposable work, SseStream stream, JsonNode id) {
    }

    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    private static String key(String sessionId, JsonNode id) {
        return sessionId + "\n" + id.asText();
    }

    /** Tracks a call until its stream ends (answered, cancelled, or its client gone). */
    void track(String sessionId, JsonNode id, Disposable work, SseStream stream) {
        String key = key(sessionId, id);
        Call call = new Call(work, stream, id);
        calls.put(key, call);
        stream.whenGone(() -> {
            calls.remove(key, call);
            work.dispose();
        });
    }

    /** The client cancelled: the work stops and the stream ends without an answer (as MCP asks). */
    void cancel(String sessionId, JsonNode id) {
        Call call = calls.remove(key(sessionId, id));
        if (call != null) {
            call.work().dispose();
            call.stream().close();
        }
    }

    /** The session was deleted: its calls end. */
    void cancelSession(String sessionId) {
        calls.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(sessionId + "\n")) {
                e.getValue().work().dispose();
                e.getValue().stream().close();
                return true;
            }
            return false;
        });
    }

    /**
     * The server is closing: every waiting call gets an error a client retries (the answer first:
     * cancelling the work may close its stream), rather than a stream that ends without one, which some
     * clients wait on for as long as their own timeout.
     */
    void failAll(String message) {
        calls.values().forEach(c -> {
            c.stream().error(c.id(), -32000, message);
            c.work().dispose();
            c.stream().close();
        });
        calls.clear();
    }

    int size() {
        return calls.size();
    }
}
