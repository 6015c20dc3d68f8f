package io.agentorchestr.bench;

import io.agentorchestr.core.git.LocalGit;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.session.Retention;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.dashboard.Dashboard;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/**
 * The store with months of history: 10,000 sessions and 1,000,000 events (100 for most sessions, 100,000
 * for the last, which is the one resumed and shown). Prints the time of what reads it: whole
 * {@code --list-sessions} processes, the dashboard's {@code /api/sessions} and a session's page (its
 * record, workers and events), and what {@code --resume} reads of a session (its events and workers).
 *
 * <p>Usage: {@code bench/run store [runs]}.
 */
public final class StoreBench {
    private static final String BIG = "big00001";

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("agentorchestr-store-bench");
        Path db = dir.resolve("data/agentorchestr/state.db");
        Files.createDirectories(db.getParent());
        SqliteStateStore.open(db).close();
        long t = System.nanoTime();
        StoredSessions.fill(db, 9_999, BIG);
        fillEvents(db);
        System.out.printf("store bench: 10,000 sessions, 1,000,000 events, %d MB, filled in %.1f s (%s)%n",
                Files.size(db) >> 20, (System.nanoTime() - t) / 1e9, Runtime.version());
        cli(dir, runs, "--list-sessions");
        cli(dir, runs, "--list-sessions", "--json");
        try (SqliteStateStore store = SqliteStateStore.open(db)) {
            Samples read = new Samples("what --resume reads: events + workers of a 100,000-event session");
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                store.events(BIG);
                store.workers(BIG);
                read.add(System.nanoTime() - s);
            }
            System.out.println(read.line());
        }
        try (Dashboard d = Dashboard.start(new Dashboard.Settings(InetAddress.getLoopbackAddress(), 0, db,
                dir.resolve("state/dashboard.token"), false, new LocalGit(new SystemProcessRunner())))) {
            api(d, runs, "/api/sessions?limit=50", "/api/sessions (first page of 50)");
            api(d, runs, "/api/sessions/" + BIG, "session page: /api/sessions/{id}");
            api(d, runs, "/api/sessions/" + BIG + "/workers", "session page: /api/sessions/{id}/workers");
            api(d, runs, "/api/sessions/" + BIG + "/events", "session page: /api/sessions/{id}/events");
            api(d, runs, "/api/sessions/" + BIG + "/usage", "session page: /api/sessions/{id}/usage");
            api(d, runs, "/api/sessions/" + BIG + "/messages", "session page: /api/sessions/{id}/messages");
        }
        retention(db);
    }

    /**
     * [store] keep_days over this store (every session ended in January 2026, more than 90 days before
     * the date used): the first prune drops every session's chatter, the next finds nothing (what each
     * goal's end pays), --clean's compaction gives the space back. Last: it empties the store's events.
     */
    private static void retention(Path db) {
        Instant asOf = Instant.parse("2026-12-08T00:00:00Z");
        long size = size(db);
        int dropped;
        double first;
        double again;
        double compact;
        long freed;
        try (SqliteStateStore store = SqliteStateStore.open(db)) {
            long t = System.nanoTime();
            dropped = new Retention(store, 90).prune(asOf);
            first = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            new Retention(store, 90).prune(asOf);
            again = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            freed = store.compact();
            compact = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf("retention (keep_days 90): first prune dropped %,d events in %.0f ms; a prune with nothing "
                + "to drop (each goal's end) %.1f ms; compaction %.0f ms, %d MB freed; on disk %d MB -> %d MB%n",
                dropped, first, again, compact, freed >> 20, size >> 20, size(db) >> 20);
    }

    /** The store's file and its WAL: what it takes on disk. */
    private static long size(Path db) {
        long total = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            try {
                total += Files.size(db.resolveSibling(db.getFileName() + suffix));
            } catch (java.io.IOException e) {
                // no WAL: nothing to add
            }
        }
        return total;
    }

    /** 100 events for each session, and the rest of the million for the last one. */
    private static void fillEvents(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO events (session_id, worker_id, at, kind, data) "
                    + "VALUES (?, ?, ?, ?, ?)")) {
                Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
                for (int i = 0; i < 1_000_000; i++) {
                    boolean big = i >= 9_999 * 90;
                    String session = big ? BIG : String.format("b%07x", i / 90);
                    s.setString(1, session);
                    s.setString(2, "w0" + (i % 9 + 1));
                    s.setString(3, t0.plusMillis(i).toString());
                    s.setString(4, i % 5 == 0 ? "tool_called" : "signal_observed");
                    s.setString(5, "{\"tool\":\"list_workers\",\"caller\":\"lead\",\"arguments\":\"{}\",\"error\":false,"
                            + "\"result\":\"[]\",\"durationMs\":2}");
                    s.addBatch();
                    if (i % 10_000 == 9_999) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            c.commit();
        }
    }

    private static void cli(Path dir, int runs, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("agentorchestr.dist"),
                "bin/agentorchestr").toString()));
        argv.addAll(List.of(args));
        CliBench.time(String.join(" ", args) + " (whole process)", runs, CliBench.sandbox(dir),
                argv.toArray(String[]::new));
    }

    private static void api(Dashboard d, int runs, String path, String name) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.port() + path))
                .header("Authorization", "Bearer " + d.token()).build();
        http.send(request, HttpResponse.BodyHandlers.ofString());
        Samples samples = new Samples(name);
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            samples.add(System.nanoTime() - s);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
        }
        System.out.println(samples.line() + "  (" + http.send(request, HttpResponse.BodyHandlers.ofString()).body()
                .length() / 1024 + " KB)");
    }
}
