package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.StoredSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which launch of the lead got under way, recorded in a real SQLite store and read back as a resume does. */
class LeadActivityTest {
    @TempDir
    Path dir;
    private SqliteStateStore store;
    private LeadActivity activity;

    @BeforeEach
    void open() {
        store = StoredSession.open(dir.resolve("state.db"), "s1");
        activity = new LeadActivity(n -> store.append("s1", new SessionEvent.LeadReady(n)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private boolean ready(int launch) {
        return GoalResume.ready(store.events("s1"), launch);
    }

    @Test
    void aLaunchIsUnderWayOnlyOnceItHasBothItsToolsAndItsGoal() {
        activity.connected();
        activity.prompted();
        assertFalse(ready(1), "nothing was launched yet");

        activity.launched(1);
        activity.connected();
        assertFalse(ready(1), "connected, but its goal is still to be pasted");
        activity.prompted();
        assertTrue(ready(1));

        activity.launched(2);
        activity.prompted();
        assertFalse(ready(2), "given its goal in argv, but its MCP client has not connected");
        activity.connected();
        assertTrue(ready(2));
    }

    @Test
    void aReconnectingClientIsNotRecordedAgain() {
        activity.launched(1);
        activity.prompted();
        activity.connected();
        activity.connected();
        activity.prompted();

        assertEquals(1, store.events("s1").stream().filter(e -> e.kind().equals("lead_ready")).count());
    }
}
