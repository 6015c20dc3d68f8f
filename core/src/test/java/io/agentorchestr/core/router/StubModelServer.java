package io.agentorchestr.core.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A hosted model API on loopback that answers from a queue of canned replies (status, headers, body,
 * a delay, or a body cut short), and keeps each request it got. With the queue empty it answers
 * {@link #ok} for its format.
 */
public final class StubModelServer implements AutoCloseable {
    public record Canned(int status, Map<String, String> headers, String body, long delayMs, boolean cut) {
    }

    public record Got(String path, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final Provider.Format format;
    private final ConcurrentLinkedDeque<Canned> queue = new ConcurrentLinkedDeque<>();
    public final List<Got> got = new java.util.concurrent.CopyOnWriteArrayList<>();

    public StubModelServer(Provider.Format format) throws IOException {
        this.format = format;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (format == Provider.Format.ANTHROPIC ? "" : "/v1");
    }

    public StubModelServer then(int status, Map<String, String> headers, String body) {
        queue.add(new Canned(status, headers, body, 0, false));
        return this;
    }

    public StubModelServer then(Canned c) {
        queue.add(c);
        return this;
    }

    /** A good answer in this server's format: the text, 11 tokens in and 7 out. */
    public String ok(String text) {
        return switch (format) {
            case ANTHROPIC -> "{\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],\"usage\":{\"input_tokens\":5,"
                    + "\"cache_read_input_tokens\":6,\"output_tokens\":7}}";
            case CHAT_COMPLETIONS -> "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"}}],"
                    + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7}}";
            case GEMINI -> "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}]}}],"
                    + "\"usageMetadata\":{\"promptTokenCount\":11,\"candidatesTokenCount\":7}}";
        };
    }

    private void answer(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        got.add(new Got(x.getRequestURI().getPath(), Map.copyOf(x.getRequestHeaders()), body));
        Canned c = queue.poll();
        if (c == null) {
            c = new Canned(200, Map.of(), ok("answer from " + format.name().toLowerCase()), 0, false);
        }
        try {
            Thread.sleep(c.delayMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = c.body().getBytes(StandardCharsets.UTF_8);
        c.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(c.status(), c.cut() ? bytes.length + 1000 : bytes.length);
        OutputStream out = x.getResponseBody();
        out.write(c.cut() ? java.util.Arrays.copyOf(bytes, bytes.length / 2) : bytes);
        out.flush();
        if (c.cut()) {
            x.close();  // fewer bytes than promised: the client sees the stream end early
            return;
        }
        out.close();
    }

    public List<String> paths() {
        List<String> out = new ArrayList<>();
        got.forEach(g -> out.add(g.path()));
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
