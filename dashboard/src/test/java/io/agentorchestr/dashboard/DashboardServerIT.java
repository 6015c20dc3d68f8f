package io.agentorchestr.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.git.LocalGit;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.store.SqliteStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's server on a real SQLite store and real HTTP: access rules (token, cookie, Host,
 * Origin), errors (404, 400), paging through 10,000 sessions, and the event stream with resumption.
 */
@Timeout(120)
class DashboardServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private SqliteStateStore store;
    private Dashboard dashboard;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws IOException {
        store = SqliteStateStore.open(dir.resolve("data/state.db"));
        store.createSession(session("aaaa0001", "First goal <script>alert(1)</script>", Instant.now()));
        dashboard = Dashboard.start(new Dashboard.Settings(InetAddress.getLoopbackAddress(), 0,
                dir.resolve("data/state.db"), dir.resolve("state/dashboard.token"), false,
                new LocalGit(new SystemProcessRunner())));
    }

    @AfterEach
    void stop() {
        dashboard.close();
        store.close();
    }

    private SessionRecord session(String id, String goal, Instant created) {
        return new SessionRecord(id, "auto", goal, dir.resolve("project").toString(), "demo", List.of("demo"),
                SessionStatus.DONE, "abc123", "agentorchestr/" + id + "/integration", "agentorchestr-" + id,
                "tmux", null, dir.resolve("state/sessions/" + id).toString(), 1, "fine", created, created, created);
    }

    private String base() {
        return "http://127.0.0.1:" + dashboard.port();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> authed(String path) throws Exception {
        return get(path, "Authorization", "Bearer " + dashboard.token());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = authed(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    /** A raw request, for headers HttpClient will not send (another Host). */
    private String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", dashboard.port())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void withoutTheTokenNothingButHealthAndStaticFilesIsServed() throws Exception {
        assertEquals(200, get("/healthz").statusCode());
        assertEquals(200, get("/app.js").statusCode());
        HttpResponse<String> api = get("/api/sessions");
        assertEquals(401, api.statusCode());
        assertTrue(JSON.readTree(api.body()).get("error").asText().contains("no valid token"), api.body());
        HttpResponse<String> page = get("/");
        assertEquals(401, page.statusCode());
        assertTrue(page.body().contains("no valid token"));
        assertEquals(401, get("/api/sessions", "Authorization", "Bearer wrong").statusCode());
        assertEquals(401, get("/?token=wrong").statusCode());
    }

    @Test
    void theUrlsTokenBecomesAStrictHttpOnlyCookieThatOpensThePageAndTheApi() throws Exception {
        HttpResponse<String> first = get("/?token=" + dashboard.token());
        assertEquals(303, first.statusCode());
        assertEquals("/", first.headers().firstValue("Location").orElseThrow());
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        String pair = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> page = get("/", "Cookie", pair);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/app.js"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
        assertEquals(200, get("/api/sessions", "Cookie", pair).statusCode());
    }

    @Test
    void aForeignHostIs421AndACrossSiteOriginIs403() throws Exception {
        String foreign = raw("GET /api/sessions HTTP/1.1\r\nHost: evil.example:" + dashboard.port()
                + "\r\nAuthorization: Bearer " + dashboard.token() + "\r\nConnection: close\r\n\r\n");
        assertTrue(foreign.startsWith("HTTP/1.1 421"), foreign);
        HttpResponse<String> origin = get("/api/sessions", "Authorization", "Bearer " + dashboard.token(),
                "Origin", "http://evil.example");
        assertEquals(403, origin.statusCode());
        HttpResponse<String> same = get("/api/sessions", "Authorization", "Bearer " + dashboard.token(),
                "Origin", base());
        assertEquals(200, same.statusCode());
    }

    @Test
    void onlyReadingMethodsAreAnsweredAndTheBearerSchemeIsReadInAnyCase() throws Exception {
        for (String method : List.of("TRACE", "POST", "PUT", "DELETE", "OPTIONS")) {
            String reply = raw(method + " /api/sessions HTTP/1.1\r\nHost: 127.0.0.1:" + dashboard.port()
                    + "\r\nAuthorization: Bearer " + dashboard.token() + "\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n");
            assertTrue(reply.startsWith("HTTP/1.1 405"), method + ": " + reply);
            assertTrue(!reply.contains(dashboard.token()), method + " echoed the token: " + reply);
        }
        assertEquals(200, get("/api/sessions", "Authorization", "bearer " + dashboard.token()).statusCode());
        assertEquals(200, get("/api/sessions", "Authorization", "BEARER " + dashboard.token()).statusCode());
    }

    @Test
    void unknownIdsAre404AndBadParametersAre400WithJsonThatSaysWhy() throws Exception {
        for (String path : List.of("/api/sessions/nosuch", "/api/sessions/aaaa0001/workers/w99/output",
                "/api/sessions/aaaa0001/workers/w99/diff", "/api/nope", "/api/sessions/aaaa0001/bogus", "/nope")) {
            HttpResponse<String> r = authed(path);
            assertEquals(404, r.statusCode(), path);
            assertNotNull(JSON.readTree(r.body()).get("error"), path);
        }
        for (String path : List.of("/api/sessions?limit=0", "/api/sessions?limit=abc", "/api/sessions?limit=501",
                "/api/sessions?offset=-1", "/api/sessions?status=bogus", "/api/sessions/aaaa0001/events?after=x",
                "/api/sessions/aaaa0001/events?limit=0")) {
            HttpResponse<String> r = authed(path);
            assertEquals(400, r.statusCode(), path + ": " + r.body());
            String param = path.substring(path.indexOf('?') + 1, path.indexOf('='));
            assertTrue(JSON.readTree(r.body()).get("error").asText().startsWith(param), r.body());
        }
    }

    @Test
    void tenThousandSessionsArePagedNewestFirstAndFiltered() throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/state.db"))) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sessions (id, mode, goal, project, agents, "
                    + "status, tmux_session, tmux_server, session_dir, owner_pid, created_at, updated_at) "
                    + "VALUES (?, 'auto', ?, ?, '[\"demo\"]', ?, ?, 'tmux', ?, 1, ?, ?)")) {
                for (int i = 0; i < 10_000; i++) {
                    String id = String.format("b%07x", i);
                    String at = t0.plusSeconds(i).toString();
                    s.setString(1, id);
                    s.setString(2, "goal " + i);
                    s.setString(3, i % 2 == 0 ? "/even" : "/odd");
                    s.setString(4, i % 10 == 0 ? "failed" : "done");
                    s.setString(5, "agentorchestr-" + id);
                    s.setString(6, dir.resolve("s/" + id).toString());
                    s.setString(7, at);
                    s.setString(8, at);
                    s.addBatch();
                }
                s.executeBatch();
            }
            c.commit();
        }
        JsonNode first = json("/api/sessions?limit=50");
        assertEquals(10_001, first.get("total").asLong());
        assertEquals("aaaa0001", first.get("sessions").get(0).get("id").asText(), "the newest first");
        assertEquals("b000270f", first.get("sessions").get(1).get("id").asText());
        JsonNode last = json("/api/sessions?limit=50&offset=9990");
        assertEquals(11, last.get("sessions").size());
        assertEquals("b0000000", last.get("sessions").get(10).get("id").asText(), "the oldest last");
        JsonNode failed = json("/api/sessions?status=failed&project=/even&limit=500");
        assertEquals(1000, failed.get("total").asLong());
        for (JsonNode s : failed.get("sessions")) {
            assertEquals("failed", s.get("status").asText());
            assertEquals("/even", s.get("project").asText());
        }
    }

    /**
     * 200 clients ask for the event stream at once: at most {@link Streams#MAX_STREAMS} are kept open,
     * the rest are refused with 503 and the reason, and /healthz and the API still answer.
     */
    @Test
    void twoHundredEventStreamsLeaveThePageAndTheApiAnswering() throws Exception {
        List<Socket> sockets = new java.util.ArrayList<>();
        int open = 0;
        int refused = 0;
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket("127.0.0.1", dashboard.port());
                sockets.add(s);
                s.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + dashboard.port()
                        + "\r\nAuthorization: Bearer " + dashboard.token() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                if (status.startsWith("HTTP/1.1 200")) {
                    open++;
                } else {
                    assertTrue(status.startsWith("HTTP/1.1 503"), status);
                    refused++;
                }
            }
            long t0 = System.nanoTime();
            assertEquals(200, get("/healthz").statusCode());
            assertEquals(200, authed("/api/sessions?limit=5").statusCode());
            System.out.printf("200 event streams asked for: %d open, %d refused (503); /healthz and /api/sessions "
                    + "answered in %d ms%n", open, refused, (System.nanoTime() - t0) / 1_000_000);
            assertEquals(Streams.MAX_STREAMS, open);
            assertEquals(200 - Streams.MAX_STREAMS, refused);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void theEventStreamDeliversNewEventsAndResumesFromLastEventId() throws Exception {
        long before = store.append("aaaa0001", new SessionEvent.ProgressReported("lead", "before the stream"));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/events"))
                .header("Authorization", "Bearer " + dashboard.token()).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // closed
            }
        });
        reader.setDaemon(true);
        reader.start();
        awaitLine(lines, "event: ready");
        long seq = store.append("aaaa0001", new SessionEvent.ProgressReported("w01", "live \u001b[2J<b>now</b>"));
        assertEquals("id: " + seq, awaitLine(lines, "id: "));
        assertEquals("event: event", awaitLine(lines, "event: "));
        JsonNode event = JSON.readTree(awaitLine(lines, "data: ").substring(6));
        assertEquals("progress_reported", event.get("kind").asText());
        assertEquals("live <b>now</b>", event.get("data").get("message").asText());
        stream.body().close();

        // A reconnect with Last-Event-ID gets what it missed first.
        HttpResponse<String> resumed = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/events"))
                .header("Authorization", "Bearer " + dashboard.token()).header("Last-Event-ID", Long.toString(before - 1))
                .timeout(Duration.ofSeconds(3)).build(), responseInfo -> HttpResponse.BodySubscribers.mapping(
                HttpResponse.BodySubscribers.ofInputStream(), in -> firstLines(in, 12)));
        String replay = resumed.body();
        assertTrue(replay.indexOf("id: " + before) >= 0 && replay.indexOf("id: " + seq) > replay.indexOf("id: "
                + before), replay);
    }

    private static String firstLines(java.io.InputStream in, int n) {
        StringBuilder s = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (int i = 0; i < n; i++) {
                String line = r.readLine();
                if (line == null) {
                    break;
                }
                s.append(line).append('\n');
            }
        } catch (IOException e) {
            // what was read is the answer
        }
        return s.toString();
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' within 20 s");
    }

    @Test
    void theApiIsDescribedByAnOpenApiDocumentAndAReadablePage() throws Exception {
        JsonNode spec = json("/api/openapi.json");
        assertEquals("3.1.0", spec.get("openapi").asText());
        for (String path : List.of("/api/sessions", "/api/sessions/{id}", "/api/sessions/{id}/workers",
                "/api/sessions/{id}/workers/{wid}/output", "/api/sessions/{id}/workers/{wid}/diff",
                "/api/sessions/{id}/events", "/api/events", "/healthz")) {
            assertTrue(spec.get("paths").has(path), path);
        }
        HttpResponse<String> page = authed("/api/docs");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("GET /api/sessions/{id}/workers/{wid}/diff"), page.body());
    }

    @Test
    void aWorkersCardNamesTheSkillsItGotAndItsLastProgress() throws Exception {
        Instant now = Instant.now();
        store.saveWorker(new io.agentorchestr.core.model.WorkerRecord("aaaa0001", "w01", 1, "implementer", "demo",
                null, "Add JWT checks", "%1", dir.resolve("wt").toString(), "agentorchestr/aaaa0001/implementer-w01",
                io.agentorchestr.core.model.WorkerState.RUNNING, null, null, null, null, now, now, null, null, null));
        store.append("aaaa0001", new SessionEvent.SkillsGiven("w01", List.of("jwt"), List.of("style left out: x")));
        store.append("aaaa0001", new SessionEvent.ProgressReported("w01", "half way"));
        JsonNode w = json("/api/sessions/aaaa0001/workers").get(0);
        assertEquals("[\"jwt\"]", w.get("skills").toString());
        assertEquals("half way", w.get("last_progress").asText());
        assertEquals("running", w.get("state").asText());
    }

    @Test
    void aGoalWithMarkupIsDataNotMarkup() throws Exception {
        JsonNode s = json("/api/sessions/aaaa0001");
        assertEquals("First goal <script>alert(1)</script>", s.get("goal").asText());
        assertEquals("application/json", authed("/api/sessions/aaaa0001").headers().firstValue("Content-Type")
                .orElseThrow().split(";")[0]);
    }
}
