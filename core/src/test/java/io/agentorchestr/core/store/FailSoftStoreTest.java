package io.agentorchestr.core.store;

import io.agentorchestr.core.model.SessionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailSoftStoreTest {
    @TempDir
    Path dir;

    @Test
    void failedWritesAreReportedOnceAndCountedInsteadOfThrown() {
        SqliteStateStore real = SqliteStateStore.open(dir.resolve("state.db"));
        real.createSession(SqliteStateStoreTest.session("s1", Instant.now()));
        real.close();  // every write now fails, as with a database that became unwritable
        List<String> told = new ArrayList<>();
        FailSoftStore store = new FailSoftStore(real, told::add);

        store.saveWorker(SqliteStateStoreTest.worker("s1", "w01"));
        assertEquals(-1, store.append("s1", new SessionEvent.ProgressReported("lead", "x")));
        store.saveOutputOffset("s1", "w01", 10);

        assertEquals(3, store.lostWrites());
        assertEquals(1, told.size(), "told at once, then not again within the repeat interval: " + told);
        assertTrue(told.get(0).startsWith("cannot record worker w01 in the state store ("), told.get(0));
        assertTrue(told.get(0).contains("the session goes on"), told.get(0));
    }

    @Test
    void readsStillFailLoudly() {
        SqliteStateStore real = SqliteStateStore.open(dir.resolve("state.db"));
        real.close();
        FailSoftStore store = new FailSoftStore(real, m -> { });
        assertThrows(RuntimeException.class, () -> store.workers("s1"));
    }
}
