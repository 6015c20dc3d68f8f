package io.agentorchestr.core.testing;

import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.store.SqliteStateStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A real SQLite store holding one running auto session, for tests of what records into it. */
public final class StoredSession {
    private StoredSession() {
    }

    /** Opens (creates) the store at {@code db} with session {@code id} in it. */
    public static SqliteStateStore open(Path db, String id) {
        SqliteStateStore store = SqliteStateStore.open(db);
        Instant now = Instant.now();
        store.createSession(new SessionRecord(id, "auto", "goal", "/repo", "demo", List.of("demo"),
                SessionStatus.RUNNING, "abc", "i", "t", "", null, "/d", 1, null, now, now, null));
        return store;
    }
}
