package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.StoredSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first verdict wins and is recorded; later ones are refused or ignored. */
class GoalVerdictTest {
    @TempDir
    Path dir;

    @Test
    void theLeadsMarkIsTakenOnceAndRecorded() {
        try (SqliteStateStore store = StoredSession.open(dir.resolve("state.db"), "s1")) {
            SessionRecord session = store.session("s1").orElseThrow();
            GoalVerdict verdict = new GoalVerdict(session, store, line -> { });

            assertTrue(verdict.mark(true, "all merged").startsWith("goal marked done"));
            ToolError again = assertThrows(ToolError.class, () -> verdict.mark(false, "changed my mind"));

            assertTrue(again.getMessage().contains("already marked done"), again.getMessage());
            assertFalse(verdict.pause(), "a pause after the mark changes nothing");
            assertEquals(GoalEnd.Kind.DONE, verdict.future().join().kind());
            assertEquals(1, store.events("s1").stream().filter(e -> e.kind().equals("goal_marked")).count());
        }
    }

    @Test
    void aFullDiskPausesWithTheReasonAndALaterMarkIsRefused() {
        try (SqliteStateStore store = StoredSession.open(dir.resolve("state.db"), "s1")) {
            List<String> said = new ArrayList<>();
            GoalVerdict verdict = new GoalVerdict(store.session("s1").orElseThrow(), store, said::add);

            assertTrue(verdict.pauseFor("a disk is full"));
            assertFalse(verdict.pauseFor("again"), "said once");

            GoalEnd end = verdict.future().join();
            assertEquals(GoalEnd.Kind.PAUSED, end.kind());
            assertTrue(end.summary().contains("--resume s1"), end.summary());
            assertEquals(List.of("pausing: a disk is full"), said);
            assertThrows(ToolError.class, () -> verdict.mark(true, "done"));
        }
    }
}
