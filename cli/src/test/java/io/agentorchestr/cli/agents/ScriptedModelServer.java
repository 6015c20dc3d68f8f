package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A model API on loopback for an agent CLI under test, answering from a {@link ModelScript}. A
 * subclass speaks one wire format. A request it cannot read gets a 400 with a JSON error and the
 * server goes on; nothing a client sends stops it.
 */
abstract class ScriptedModelServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer. */
    record Reply(int status, String contentType, String body) {
        static Reply json(Object node) {
            return new Reply(200, "application/json", node.toString());
        }

        static Reply sse(String events) {
            return new Reply(200, "text/event-stream", events);
        }
    }

    /** A request the wire format cannot make sense of: answered 400. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }

    protected final ModelScript script;
    /** One line per request, for a failing test's diagnostics. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    ScriptedModelServer(ModelScript script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers one request; {@code path} has no query. */
    protected abstract Reply answer(String method, String path, String body) throws Exception;

    private void handle(HttpExchange ex) {
        String line = ex.getRequestMethod() + " " + ex.getRequestURI();
        Reply reply;
        try {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            reply = answer(ex.getRequestMethod(), ex.getRequestURI().getPath(), body);
        } catch (BadRequest e) {
            reply = error(400, e.getMessage());
        } catch (Exception | StackOverflowError e) {
            reply = error(500, e.toString());
        }
        requests.add(line + " -> " + reply.status() + " " + abbreviate(reply.body()));
        try (ex) {
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
            ex.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        } catch (IOException e) {
            // The client went away mid-answer: its problem, the server goes on.
        }
    }

    private static Reply error(int status, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("error").put("message", message).put("type", status == 400 ? "invalid_request_error"
                : "server_error").put("code", status);
        return new Reply(status, "application/json", e.toString());
    }

    /** The request body as JSON, which must hold an array {@code field}; otherwise a 400 naming the problem. */
    static com.fasterxml.jackson.databind.JsonNode readRequest(String body, String field) throws BadRequest {
        com.fasterxml.jackson.databind.JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.path(field).isArray()) {
            throw new BadRequest(field + " must be an array");
        }
        return request;
    }

    static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 400 ? one.substring(0, 400) + "..." : one;
    }

    /** The requests so far, one per line. */
    String log() {
        return String.join("\n", requests);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
