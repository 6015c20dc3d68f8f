package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** merge_worker and verify on a real repository and store, panes in memory: what reaches the integration branch. */
@Timeout(60)
class IntegrationDeskTest extends TeamTest {
    private WorkerRecord doneWith(String file, String text) throws Exception {
        WorkerRecord w = team.spawn("write " + file);
        team.commit(w, file, text);
        return team.finish(w, WorkerState.DONE, "wrote " + file);
    }

    @Test
    void aDoneWorkerIsMergedAndItsPaneAndWorktreeGoWhileItsBranchStays() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord w = doneWith("a.txt", "a\n");

        MergeOutcome m = team.supervisor.desk().merge(w.id());

        assertTrue(m.merged(), m.toString());
        assertEquals("a", team.onIntegration("a.txt"));
        assertEquals(m.commit(), team.store.worker(TeamFixture.SESSION, w.id()).orElseThrow().mergedCommit());
        assertTrue(team.tmux.pane(w.paneId()).isEmpty(), "its pane was closed");
        assertFalse(Files.exists(Path.of(w.worktree())), "its worktree was removed");
        assertFalse(team.git("rev-parse", "--verify", "-q", w.branch()).isEmpty(), "its branch is kept");
        assertEquals("already merged", team.supervisor.desk().merge(w.id()).message());
    }

    @Test
    void twoWorkersThatChangeTheSameLinesConflictAndTheSecondIsNotForcedIn() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord a = doneWith("README.md", "from a\n");
        WorkerRecord b = doneWith("README.md", "from b\n");
        assertTrue(team.supervisor.desk().merge(a.id()).merged());
        String head = team.git("rev-parse", team.integration.branch());

        MergeOutcome m = team.supervisor.desk().merge(b.id());

        assertFalse(m.merged());
        assertEquals(List.of("README.md"), m.conflicts());
        assertEquals(head, team.git("rev-parse", team.integration.branch()), "the integration branch did not move");
        assertEquals("from a", team.onIntegration("README.md"));
        assertTrue(team.eventKinds().contains("merge_conflict"), team.eventKinds().toString());
        assertTrue(Files.exists(Path.of(b.worktree())), "the unmerged worker keeps its worktree");
    }

    @Test
    void aWorkerThatHasNotFinishedDoneIsNotMergedAndTheRefusalNamesItsState() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord running = team.spawn("write a.txt");
        WorkerRecord failed = team.spawn("write b.txt");
        team.finish(failed, WorkerState.FAILED, "could not");

        ToolError e = assertThrows(ToolError.class, () -> team.supervisor.desk().merge(running.id()));
        assertTrue(e.getMessage().startsWith("w01 is running; only workers that finished done are merged"),
                e.getMessage());
        e = assertThrows(ToolError.class, () -> team.supervisor.desk().merge(failed.id()));
        assertTrue(e.getMessage().startsWith("w02 is failed"), e.getMessage());
    }

    @Test
    void workLeftUncommittedInTheWorktreeIsCommittedToTheBranchAndMerged() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord w = team.spawn("write a.txt");
        Files.writeString(Path.of(w.worktree(), "a.txt"), "not committed by the agent\n");
        team.finish(w, WorkerState.DONE, "wrote a.txt");

        assertTrue(team.supervisor.desk().merge(w.id()).merged());

        assertEquals("not committed by the agent", team.onIntegration("a.txt"));
        assertTrue(team.git("log", "--format=%s", w.branch()).contains("agentorchestr: save uncommitted work of w01"));
    }

    @Test
    void workAGitHookWillNotLetBeCommittedKeepsTheWorkerOutOfTheIntegrationBranchNamingTheFiles() throws Exception {
        team = TeamFixture.open(dir, 3, repo -> {
            Path hook = repo.dir().resolve(".git/hooks/pre-commit");
            Files.writeString(hook, "#!/bin/sh\ngit diff --cached --name-only | grep -q secret.txt && exit 1\nexit 0\n");
            hook.toFile().setExecutable(true);
        });
        WorkerRecord w = team.spawn("write a.txt");
        team.commit(w, "a.txt", "a\n");
        Files.writeString(Path.of(w.worktree(), "secret.txt"), "refused by the hook\n");
        team.finish(w, WorkerState.DONE, "wrote a.txt");
        String head = team.git("rev-parse", team.integration.branch());

        MergeOutcome m = team.supervisor.desk().merge(w.id());

        assertFalse(m.merged());
        assertTrue(m.message().contains("has changes that could not be committed") && m.message().contains(
                "secret.txt"), m.message());
        assertEquals(head, team.git("rev-parse", team.integration.branch()));
        assertTrue(Files.exists(Path.of(w.worktree(), "secret.txt")), "the work is still where the agent left it");
    }

    @Test
    void verifyMergesEveryDoneWorkerThenRunsTheProjectsCommandsOnTheMergedResult() throws Exception {
        team = TeamFixture.open(dir, 3, repo -> repo.verifyCommands("test -f a.txt", "test -f b.txt"));
        doneWith("a.txt", "a\n");
        doneWith("b.txt", "b\n");

        VerifyResult v = team.supervisor.desk().verify("both files exist");

        assertTrue(v.passed(), v.toString());
        assertEquals(List.of("w01", "w02"), v.merged());
        assertEquals(List.of(), v.unmerged());
        assertTrue(v.note().contains("judge the success criteria yourself against the merged result: both files exist"),
                v.note());
    }

    @Test
    void aVerifyCommandThatFailsFailsTheVerifyWithItsOutputAndLeavesTheMergesInPlace() throws Exception {
        team = TeamFixture.open(dir, 3, repo -> repo.verifyCommands("echo checking c.txt; test -f c.txt"));
        doneWith("a.txt", "a\n");

        VerifyResult v = team.supervisor.desk().verify(null);

        assertFalse(v.passed());
        assertEquals(List.of("w01"), v.merged());
        assertEquals("a", team.onIntegration("a.txt"));
        assertTrue(team.progress.stream().anyMatch(l -> l.contains("| checking c.txt")), team.progress.toString());
    }
}
