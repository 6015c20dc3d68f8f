package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.testing.FakeTmux;
import io.agentorchestr.core.testing.TestRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** spawn_worker's logic on a real repository and store, panes in memory: what a spawn makes, refuses and takes back. */
@Timeout(60)
class WorkerSpawnerTest extends TeamTest {
    @Test
    void aSpawnMakesABranchAndWorktreeAtTheBaseAndLetsTheAgentStartInItsOwnPane() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord w = team.spawn("write a.txt");

        assertEquals("w01", w.id());
        assertEquals(WorkerState.RUNNING, w.state());
        assertEquals(team.session.baseCommit(), TestRepo.gitIn(Path.of(w.worktree()), "rev-parse", "HEAD"));
        assertEquals(w.branch(), TestRepo.gitIn(Path.of(w.worktree()), "branch", "--show-current"));
        FakeTmux.Pane pane = team.tmux.pane(w.paneId()).orElseThrow();
        assertEquals(team.session.tmuxSession(), pane.session);
        assertEquals(Path.of(w.worktree(), ".agentorchestr", "done.flag").toString(),
                pane.started.env().get("AGENTORCHESTR_DONE_FLAG"));
        assertTrue(pane.typed.contains("C-d"), "the gate was opened: " + pane.typed);
        assertEquals(WorkerState.RUNNING, team.store.worker(TeamFixture.SESSION, "w01").orElseThrow().state());
        assertTrue(team.eventKinds().contains("worker_spawned"), team.eventKinds().toString());
        assertTrue(Files.readString(Path.of(team.session.sessionDir(), "prompts", "w01.md")).contains("write a.txt"));
    }

    @Test
    void aRepeatedRequestIdGivesBackTheEarlierWorkerAndRefusesAnotherTaskUnderIt() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord first = team.supervisor.spawner().spawn(TeamFixture.request("task one", List.of(), "r1"));
        WorkerRecord again = team.supervisor.spawner().spawn(TeamFixture.request("task one", List.of(), "r1"));

        assertEquals(first.id(), again.id());
        assertEquals(1, team.supervisor.board().all().size());
        ToolError e = assertThrows(ToolError.class, () -> team.supervisor.spawner().spawn(
                TeamFixture.request("task two", List.of(), "r1")));
        assertTrue(e.getMessage().contains("request_id 'r1' was used for w01 with another task"), e.getMessage());
    }

    @Test
    void aSpawnPastTheWorkerLimitIsRefusedAndNothingIsMadeForIt() throws Exception {
        team = TeamFixture.open(dir, 1);
        team.spawn("one");
        int panes = team.tmux.panes().size();

        ToolError e = assertThrows(ToolError.class, () -> team.spawn("two"));
        assertTrue(e.getMessage().contains("1 workers are running, the maximum is 1; call wait_for_any"),
                e.getMessage());
        assertEquals(panes, team.tmux.panes().size());
        assertEquals("", team.git("branch", "--list", "*w02*"));
    }

    @Test
    void aWorkerThatDependsOnAnotherStartsOnlyOnceThatOneIsMergedAndThenHoldsItsWork() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord a = team.spawn("write a.txt");
        ToolError early = assertThrows(ToolError.class, () -> team.supervisor.spawner().spawn(
                TeamFixture.request("build on a", List.of(a.id()), null)));
        assertTrue(early.getMessage().contains("depends_on w01 is running and not merged"), early.getMessage());

        team.commit(a, "a.txt", "from a\n");
        team.finish(a, WorkerState.DONE, "wrote a.txt");
        assertTrue(team.supervisor.desk().merge(a.id()).merged());
        WorkerRecord b = team.supervisor.spawner().spawn(TeamFixture.request("build on a", List.of(a.id()), null));

        assertEquals("from a\n", Files.readString(Path.of(b.worktree(), "a.txt")));
    }

    @Test
    void aStartThatFailsTakesBackItsBranchWorktreeAndRecordAndSaysWhy() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.tmux.killSession(team.session.tmuxSession());  // no session to open the pane in

        ToolError e = assertThrows(ToolError.class, () -> team.spawn("write a.txt"));

        assertTrue(e.getMessage().contains("cannot start worker w01") && e.getMessage().contains(
                "can't find session") && e.getMessage().contains("nothing of it was left behind"), e.getMessage());
        assertEquals("", team.git("branch", "--list", "*w01*"));
        assertFalse(team.git("worktree", "list").contains("w01"), team.git("worktree", "list"));
        assertTrue(team.store.workers(TeamFixture.SESSION).isEmpty());
        assertTrue(team.eventKinds().contains("spawn_failed"), team.eventKinds().toString());
        // The id was not used up: the next spawn, with a session to open in, is w01 again.
        team.tmux.newSession(team.session.tmuxSession(), "agentorchestr", new io.agentorchestr.core.tmux.NewPane(
                List.of("lead"), null, java.util.Map.of()));
        assertEquals("w01", team.spawn("write a.txt").id());
    }

    @Test
    void anEmptyTaskOrAnUnknownPerspectiveIsRefusedBeforeAnythingIsMade() throws Exception {
        team = TeamFixture.open(dir, 3);
        assertTrue(assertThrows(ToolError.class, () -> team.spawn("  ")).getMessage().contains("task is empty"));
        ToolError e = assertThrows(ToolError.class, () -> team.supervisor.spawner().spawn(new SpawnRequest("x",
                "poet", List.of(), null, null, null, List.of(), null, List.of())));
        assertTrue(e.getMessage().contains("unknown perspective 'poet'"), e.getMessage());
        assertEquals(1, team.tmux.panes().size(), "only the lead's pane");
    }

    @Test
    void theGoalsEndStopsNewSpawns() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.supervisor.stopWatching();
        ToolError e = assertThrows(ToolError.class, () -> team.spawn("late"));
        assertSame(ToolError.class, e.getClass());
        assertTrue(e.getMessage().contains("the goal has ended"), e.getMessage());
    }
}
