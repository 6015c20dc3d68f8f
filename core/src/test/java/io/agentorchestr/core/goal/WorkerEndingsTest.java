package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How workers end (report_done, kill_worker, an agent's exit, the goal's end), panes in memory. */
@Timeout(60)
class WorkerEndingsTest extends TeamTest {
    private WorkerRecord awaitEnd(WorkerRecord w) throws Exception {
        return team.supervisor.board().awaitTerminal(w.id(), Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aKilledWorkersUncommittedWorkIsSavedToItsBranchAndItsPaneClosed() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord w = team.spawn("write a.txt");
        Files.writeString(Path.of(w.worktree(), "a.txt"), "half done\n");

        WorkerRecord killed = team.supervisor.endings().kill(w.id());

        assertEquals(WorkerState.KILLED, killed.state());
        assertEquals("half done", team.git("show", w.branch() + ":a.txt"));
        assertTrue(team.tmux.pane(w.paneId()).isEmpty());
        assertTrue(team.eventKinds().contains("work_saved"), team.eventKinds().toString());
    }

    @Test
    void theFirstOutcomeStandsAndALaterReportDoesNotChangeIt() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord w = team.spawn("write a.txt");

        assertEquals(WorkerState.BLOCKED, team.supervisor.endings().reportDone(w.id(), "blocked", "need a key")
                .state());
        WorkerRecord later = team.supervisor.endings().reportDone(w.id(), "done", "all good");

        assertEquals(WorkerState.BLOCKED, later.state());
        assertEquals("need a key", later.summary());
        ToolError e = assertThrows(ToolError.class, () -> team.supervisor.endings().reportDone(w.id(), "finished",
                "x"));
        assertTrue(e.getMessage().contains("state must be done, blocked or failed, not 'finished'"), e.getMessage());
    }

    @Test
    void anAgentThatExitsWithoutSayingItIsDoneHasFailedWithItsExitStatus() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord w = team.spawn("write a.txt");

        team.tmux.exit(w.paneId(), 7);
        WorkerRecord ended = awaitEnd(w);

        assertEquals(WorkerState.FAILED, ended.state());
        assertEquals(7, ended.exitStatus());
        assertTrue(ended.summary().contains("exited with"), ended.summary());
    }

    @Test
    void workersStillRunningAtTheGoalsEndAreRecordedWithTheReasonGiven() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord running = team.spawn("one");
        WorkerRecord done = team.spawn("two");
        team.finish(done, WorkerState.DONE, "did two");

        team.supervisor.endings().endUnfinished(WorkerState.KILLED, "the goal ended");

        WorkerRecord stored = team.store.worker(TeamFixture.SESSION, running.id()).orElseThrow();
        assertEquals(WorkerState.KILLED, stored.state());
        assertEquals("the goal ended", stored.summary());
        assertEquals(WorkerState.DONE, team.store.worker(TeamFixture.SESSION, done.id()).orElseThrow().state());
    }
}
