package io.agentorchestr.core.store;

import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store against a real SQLite file. */
class SqliteStateStoreTest {
    @TempDir
    Path dir;

    static SessionRecord session(String id, Instant created) {
        return new SessionRecord(id, "manual", "the task", "/repo", null, List.of("demo"), SessionStatus.RUNNING,
                "abc123", null, "agentorchestr-" + id, "", null, "/state/" + id, 42L, null, created, created, null);
    }

    static WorkerRecord worker(String session, String id) {
        Instant now = Instant.now();
        return new WorkerRecord(session, id, 1, "implementer", "demo", null, "task", "%1", "/wt/" + id,
                "agentorchestr/" + session + "/implementer-" + id, WorkerState.RUNNING, null, null, null, "/log",
                now, now, null, null, null);
    }

    @Test
    void storesOpenedAtOnceOnANewFileAllOpenAndTheSchemaIsMigratedOnce() throws Exception {
        Path db = dir.resolve("fresh/state.db");
        int n = 6;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(n);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<Integer>> opened = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                opened.add(pool.submit(() -> {
                    together.await();
                    try (SqliteStateStore store = SqliteStateStore.open(db)) {
                        return store.recentSessions(1).size();
                    }
                }));
            }
            for (java.util.concurrent.Future<Integer> f : opened) {
                assertEquals(0, f.get());  // a second migration would have failed: "table sessions already exists"
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA user_version")) {
            assertEquals(Schema.MIGRATIONS.size(), r.getInt(1));
        }
    }

    @Test
    void eventsAreAppendOnlyAndSecretsAreRedacted() throws Exception {
        Path file = dir.resolve("state.db");
        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            store.createSession(session("s1", Instant.now()));
            store.append("s1", new SessionEvent.SignalObserved("w01", "output_line", "done",
                    "used Authorization: Bearer abcdefghijklmnop and sk-ant-0123456789abcdefXYZ"));
            store.append("s1", new SessionEvent.SessionEnded("done", "fine"));
            List<EventRecord> events = store.events("s1");
            assertEquals(List.of("signal_observed", "session_ended"), events.stream().map(EventRecord::kind).toList());
            assertEquals("w01", events.get(0).workerId());
            assertFalse(events.get(0).data().contains("abcdefghijklmnop"), events.get(0).data());
            assertFalse(events.get(0).data().contains("sk-ant-0123456789"), events.get(0).data());
            assertTrue(events.get(0).data().contains("[redacted]"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThrows(java.sql.SQLException.class, () -> s.execute("UPDATE events SET kind = 'x'"));
            assertThrows(java.sql.SQLException.class, () -> s.execute("DELETE FROM events"));
        }
    }

    @Test
    void onlyAnEndedSessionsEventsCanBeDroppedAndOnlyTheKindsAsked() {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            SessionRecord s = session("s1", Instant.now());
            store.createSession(s);
            store.append("s1", new SessionEvent.ProgressReported("w01", "halfway"));
            store.append("s1", new SessionEvent.SessionEnded("done", "fine"));
            assertThrows(RuntimeException.class, () -> store.dropEvents("s1", java.util.Set.of("progress_reported")),
                    "a running session's events stay: it may resume from them");
            store.updateSession(s.ended(io.agentorchestr.core.model.SessionStatus.DONE, "fine"));
            assertEquals(1, store.dropEvents("s1", java.util.Set.of("progress_reported")));
            assertEquals(List.of("session_ended"), store.events("s1").stream().map(EventRecord::kind).toList());
        }
    }

    @Test
    void aStoreOfTheSchemaBeforeTheKindIndexIsMigratedWithItsEventsAndReadByKind() throws Exception {
        Path file = dir.resolve("old/state.db");
        java.nio.file.Files.createDirectories(file.getParent());
        int before = Schema.MIGRATIONS.size() - 1;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (int i = 0; i < before; i++) {
                for (String sql : Schema.statements(Schema.MIGRATIONS.get(i))) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = " + before);
        }
        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            store.createSession(session("s1", Instant.now()));
            store.append("s1", new SessionEvent.ProgressReported("lead", "first"));
            store.append("s1", new SessionEvent.ProgressReported("w01", "ignored kind below"));
            store.append("s1", new SessionEvent.VerifyRan(true, "ok", 5));
            store.append("s1", new SessionEvent.ProgressReported("lead", "last"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
                assertEquals(Schema.MIGRATIONS.size(), r.getInt(1));
            }
            try (ResultSet r = s.executeQuery("EXPLAIN QUERY PLAN SELECT seq FROM events WHERE session_id = 's1' "
                    + "AND kind IN ('verify_ran') ORDER BY seq DESC")) {
                assertTrue(r.next() && r.getString(4).contains("events_session_kind"), "the kind index is used");
            }
        }
        try (StoreReader reader = StoreReader.open(file)) {
            assertEquals(List.of("verify_ran", "progress_reported"), reader.eventsOfKinds("s1",
                    List.of("verify_ran", "progress_reported"), 2).stream().map(EventRecord::kind).toList(),
                    "the newest two, oldest first");
            assertEquals(4, reader.eventsOfKinds("s1", List.of("verify_ran", "progress_reported"), 10).size());
        }
    }

    @Test
    void opensInWalModeAndRecordsTheSchemaVersion() throws Exception {
        Path file = dir.resolve("nested/dir/state.db");
        SqliteStateStore.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
                assertEquals("wal", r.getString(1));
            }
            try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
                assertEquals(Schema.MIGRATIONS.size(), r.getInt(1));
            }
        }
        SqliteStateStore.open(file).close(); // reopening migrates nothing and fails nothing
    }

    @Test
    void aStoreFromANewerVersionIsRefusedWithAClearMessage() throws Exception {
        Path file = dir.resolve("state.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> SqliteStateStore.open(file));
        assertTrue(e.getMessage().contains("newer than this agentorchestr understands"), e.getMessage());
    }

    @Test
    void aStoreLockedByAnotherWriterFailsWithAnActionableMessageAndKeepsData() throws Exception {
        Path file = dir.resolve("state.db");
        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            store.createSession(session("s1", Instant.now()));
        }
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = other.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            s.execute("BEGIN EXCLUSIVE");
            try (SqliteStateStore store = SqliteStateStore.open(file)) {
                AgentorchestrException e = assertThrows(AgentorchestrException.class,
                        () -> store.createSession(session("s2", Instant.now())));
                assertTrue(e.getMessage().contains("another process holds a lock"), e.getMessage());
            } catch (AgentorchestrException e) {
                assertTrue(e.getMessage().contains("another process holds a lock"), e.getMessage());
            }
            s.execute("ROLLBACK");
        }
        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            assertTrue(store.session("s1").isPresent());
        }
    }

    @Test
    void statementSplittingKeepsTriggerBodiesWhole() {
        List<String> statements = Schema.statements(Schema.MIGRATIONS.get(0));
        assertTrue(statements.stream().anyMatch(s -> s.startsWith("CREATE TRIGGER") && s.endsWith("END;")));
        assertTrue(statements.stream().noneMatch(s -> s.startsWith("--")));
    }


}
