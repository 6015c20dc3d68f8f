package io.agentorchestr.core.worker;

import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.LocalGit;
import io.agentorchestr.core.git.Worktrees;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.TestRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a start cut short leaves behind in a real repository never blocks the next worker's id. */
@Timeout(60)
class WorkerIdsIT {
    @TempDir
    Path dir;
    private TestRepo repo;
    private final Git git = new LocalGit(new SystemProcessRunner());
    private Worktrees worktrees;
    private WorkerIds ids;

    @BeforeEach
    void setUp() throws IOException {
        repo = TestRepo.create(dir.resolve("project"));
        worktrees = new Worktrees(git, dir.resolve("data/worktrees"));
        ids = new WorkerIds(git, worktrees);
    }

    @Test
    void aBranchLeftByAnInterruptedStartOfAnyPerspectiveMovesTheIdOnAndStays() {
        // A SIGHUP after `git worktree add` made the branch, before the worktree was recorded anywhere.
        repo.git("branch", "agentorchestr/s1/reviewer-w02");
        assertEquals(new WorkerId(3), ids.firstFree(repo.dir(), "s1", 2));
        assertEquals(new WorkerId(1), ids.firstFree(repo.dir(), "s1", 1), "ids before it are free");
        assertTrue(git.branchExists(repo.dir(), "agentorchestr/s1/reviewer-w02"), "nothing is deleted");
    }

    @Test
    void aLeftWorktreeDirectoryAndAUsersOwnBranchBothMoveItOnButOtherSessionsDoNot() throws IOException {
        Files.createDirectories(worktrees.pathFor(repo.dir(), "s1", "w01"));
        repo.git("branch", "agentorchestr/s1/my-own-w02");
        repo.git("branch", "agentorchestr/s2/implementer-w03");
        repo.git("branch", "agentorchestr/s10/implementer-w03");
        assertEquals(new WorkerId(3), ids.firstFree(repo.dir(), "s1", 1));
    }
}
