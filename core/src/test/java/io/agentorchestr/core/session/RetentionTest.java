package io.agentorchestr.core.session;

import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.store.SqliteStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** [store] keep_days on a real SQLite file: old sessions lose their chatter and keep what they did. */
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");

    @TempDir
    Path dir;
    SqliteStateStore store;

    @BeforeEach
    void open() {
        store = SqliteStateStore.open(dir.resolve("state.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSessionThatEndedLongerAgoThanKeepDaysLosesItsChatterAndKeepsWhatItDid() {
        session("old", SessionStatus.DONE, NOW.minus(Duration.ofDays(100)), 3, 100);
        session("recent", SessionStatus.FAILED, NOW.minus(Duration.ofDays(10)), 3, 100);
        session("paused", SessionStatus.PAUSED, null, 3, 100);

        int dropped = new Retention(store, 90).prune(NOW);

        assertEquals(3, dropped, "the old session's three progress lines");
        assertEquals(List.of("worker_spawned", "session_ended"), kinds("old"));
        assertEquals(5, kinds("recent").size(), "ended 10 days ago: all kept");
        assertEquals(4, kinds("paused").size(), "may still resume: all kept");
        assertEquals(0, new Retention(store, 90).prune(NOW), "nothing more the second time");
    }

    @Test
    void keepDaysZeroKeepsEverything() {
        session("old", SessionStatus.DONE, NOW.minus(Duration.ofDays(3000)), 3, 100);
        assertEquals(0, new Retention(store, 0).prune(NOW));
        assertEquals(5, kinds("old").size());
    }

    @Test
    void cleaningGivesTheSpaceOfDroppedEventsBackAndSaysWhatWent() {
        session("old", SessionStatus.DONE, NOW.minus(Duration.ofDays(100)), 2000, 2000);
        session("recent", SessionStatus.DONE, NOW.minus(Duration.ofDays(1)), 10, 100);

        List<SessionCleanup.Item> items = new Retention(store, 90).pruneAndCompact(NOW);

        assertEquals("2000 event(s)", items.get(0).target(), items.toString());
        assertTrue(items.get(0).reason().contains("more than 90 days ago ([store] keep_days)"), items.toString());
        assertEquals("store", items.get(1).kind(), items.toString());
        assertTrue(items.get(1).removed() && items.get(1).target().matches("[1-9][0-9]* MB"), items.toString());
        assertEquals(12, kinds("recent").size());
        assertEquals(List.of(), new Retention(store, 90).pruneAndCompact(NOW), "nothing left to drop or give back");
    }

    /** A session with a spawn, {@code chatter} progress lines of {@code size} characters and, once ended, its end. */
    private void session(String id, SessionStatus status, Instant endedAt, int chatter, int size) {
        Instant created = endedAt == null ? NOW.minus(Duration.ofDays(200)) : endedAt.minus(Duration.ofHours(1));
        SessionRecord s = new SessionRecord(id, "auto", "goal", dir.toString(), "demo", List.of("demo"),
                SessionStatus.RUNNING, "abc", null, "ao-" + id, "", null, dir.resolve(id).toString(), 1, null,
                created, created, null);
        store.createSession(s);
        store.append(id, new SessionEvent.WorkerSpawned("w01", "demo", "b", "wt", "%1", 10));
        for (int i = 0; i < chatter; i++) {
            store.append(id, new SessionEvent.ProgressReported("w01", "x".repeat(size)));
        }
        if (endedAt != null) {
            store.append(id, new SessionEvent.SessionEnded(status.label(), "ended"));
            store.updateSession(new SessionRecord(id, "auto", "goal", dir.toString(), "demo", List.of("demo"), status,
                    "abc", null, "ao-" + id, "", null, dir.resolve(id).toString(), 1, "ended", created, endedAt,
                    endedAt));
        } else {
            store.updateSession(new SessionRecord(id, "auto", "goal", dir.toString(), "demo", List.of("demo"), status,
                    "abc", null, "ao-" + id, "", null, dir.resolve(id).toString(), 1, null, created, created, null));
        }
    }

    private List<String> kinds(String id) {
        return store.events(id).stream().map(EventRecord::kind).toList();
    }
}
