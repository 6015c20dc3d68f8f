package io.agentorchestr.core.goal;

import io.agentorchestr.core.session.SessionEvent;
import io.agentorchestr.core.session.SessionRecord;
import io.agentorchestr.core.session.SessionStatus;
import io.agentorchestr.core.store.SqliteStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which launch of the lead reached its tools, recorded in a real SQLite store and read back on resume. */
class LeadActivityTest {
    @TempDir
    Path dir;

    @Test
    void eachLaunchIsRecordedConnectedOnceAndOnlyAfterItWasLaunched() {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            Instant now = Instant.now();
            store.createSession(new SessionRecord("s1", "auto", "goal", "/repo", "demo", List.of("demo"),
                    SessionStatus.RUNNING, "abc", "i", "t", "", null, "/d", 1, null, now, now, null));
            LeadActivity activity = new LeadActivity(n -> store.append("s1", new SessionEvent.LeadConnected(n)));

            activity.connected();
            assertFalse(GoalResume.connected(store.events("s1"), 1), "nothing is launched yet");
            activity.launched(1);
            activity.connected();
            activity.connected();
            activity.launched(2);

            assertTrue(GoalResume.connected(store.events("s1"), 1));
            assertFalse(GoalResume.connected(store.events("s1"), 2), "launch 2 has not connected");
            assertEquals(1, store.events("s1").stream().filter(e -> e.kind().equals("lead_connected")).count(),
                    "a reconnecting client is not recorded again");
            activity.connected();
            assertTrue(GoalResume.connected(store.events("s1"), 2));
        }
    }
}
