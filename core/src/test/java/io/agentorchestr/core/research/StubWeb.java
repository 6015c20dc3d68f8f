package io.agentorchestr.core.research;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback web for web_research's tests: a SearXNG-style {@code /search} (and a Brave-style
 * {@code /res/v1/web/search}) whose results point at its own pages, and pages that misbehave in each
 * way the fetcher must refuse: too large (declared or streamed), slow, not text, redirecting forever.
 */
public final class StubWeb implements AutoCloseable {
    private final HttpServer server;
    /** Every request's path and query, in order. */
    public final List<String> got = new CopyOnWriteArrayList<>();
    /** The results /search answers with: paths on this server (or whole URLs), each titled after its path. */
    public volatile List<String> results = List.of("/page/jwt", "/page/keys", "/big");
    /** The status /search answers with. */
    public volatile int searchStatus = 200;

    public StubWeb() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-web");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long searches() {
        return got.stream().filter(g -> g.contains("search?")).count();
    }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        got.add(path + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery()));
        try (x) {
            switch (path) {
                case "/search" -> send(x, searchStatus, "application/json", searxng());
                case "/res/v1/web/search" -> send(x, "key-1".equals(x.getRequestHeaders().getFirst(
                        "X-Subscription-Token")) ? 200 : 401, "application/json", brave());
                case "/page/jwt" -> send(x, 200, "text/html; charset=utf-8", "<html><head><title>JWT in jjwt 0.12"
                        + "</title><script>var tracking = 1;</script></head><body><nav>Home | Docs</nav><main><h1>"
                        + "Parsing tokens</h1><p>Use <code>Jwts.parser().verifyWith(key).build()</code> in 0.12.</p>"
                        + "<p>The old <b>setSigningKey</b> is deprecated.</p></main><footer>(c) someone</footer>"
                        + "</body></html>");
                case "/page/keys" -> send(x, 200, "text/plain", "HS256 keys must be at least 256 bits.");
                case "/big" -> send(x, 200, "text/html", "<p>" + "x".repeat(3_000_000) + "</p>");
                case "/streamed-big" -> stream(x, 3_000_000, 0);
                case "/slow" -> stream(x, 10_000, 200);
                case "/report.pdf" -> send(x, 200, "application/pdf", "%PDF-1.7");
                case "/loop" -> {
                    x.getResponseHeaders().set("Location", "/loop");
                    x.sendResponseHeaders(302, -1);
                }
                case "/redirect-out" -> {
                    x.getResponseHeaders().set("Location", url().replace("127.0.0.1", "localhost") + "/page/keys");
                    x.sendResponseHeaders(302, -1);
                }
                case "/moved" -> {
                    x.getResponseHeaders().set("Location", "/page/keys");
                    x.sendResponseHeaders(301, -1);
                }
                default -> send(x, 404, "text/plain", "no such page");
            }
        }
    }

    private String searxng() {
        StringBuilder b = new StringBuilder("{\"query\":\"q\",\"results\":[");
        for (int i = 0; i < results.size(); i++) {
            String r = results.get(i);
            String url = r.startsWith("/") ? url() + r : r;
            b.append(i == 0 ? "" : ",").append("{\"title\":\"Title of ").append(r).append("\",\"url\":\"").append(url)
                    .append("\",\"content\":\"About <span class=\\\"highlight\\\">").append(r).append("</span>\"}");
        }
        return b.append("]}").toString();
    }

    private String brave() {
        return "{\"web\":{\"results\":[{\"title\":\"Brave result\",\"url\":\"" + url() + "/page/keys\","
                + "\"description\":\"<strong>HS256</strong> keys\"}]}}";
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A text/html body of {@code bytes} sent without a length, a chunk every {@code pauseMs}. */
    private static void stream(HttpExchange x, int bytes, long pauseMs) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/html");
        x.sendResponseHeaders(200, 0);
        byte[] chunk = "<p>slow and steady</p>\n".repeat(pauseMs > 0 ? 1 : 1000).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = x.getResponseBody()) {
            for (int sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk);
                out.flush();
                if (pauseMs > 0) {
                    Thread.sleep(pauseMs);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client hung up, as a fetcher that gives up should
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
