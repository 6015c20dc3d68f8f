package io.agentorchestr.core.git;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.monitor.DoneFlag;
import io.agentorchestr.core.process.ProcessFailedException;
import io.agentorchestr.core.testing.TestRepo;
import io.agentorchestr.core.worker.ControlFiles;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of the {@link Git} port and the worktree handling on it, against real git repositories:
 * run for each adapter ({@link LocalGitIT}; a git reached over ssh would be the next).
 */
@Timeout(60)
abstract class GitContract {
    @TempDir
    Path dir;
    private TestRepo repo;
    private Git git;
    private Worktrees worktrees;
    private String base;

    @BeforeEach
    void setUp() throws IOException {
        git = git();
        repo = TestRepo.create(dir.resolve("project"));
        worktrees = new Worktrees(git, dir.resolve("data/worktrees"));
        base = git.resolveCommit(repo.dir(), "HEAD").orElseThrow();
    }

    /** The adapter under test. */
    abstract Git git();

    private Path newWorktree(String worker) {
        Path path = worktrees.pathFor(repo.dir(), "s1", worker);
        worktrees.create(repo.dir(), path, "agentorchestr/s1/implementer-" + worker, base);
        return path;
    }

    @Test
    void aWorktreeGetsAFreshBranchOutsideTheCheckoutAndTheUsersBranchStays() {
        Path wt = newWorktree("w01");
        assertTrue(wt.startsWith(dir.resolve("data/worktrees")));
        assertTrue(wt.toString().contains("project-"));
        assertTrue(wt.endsWith(Path.of("s1", "w01")));
        assertTrue(Files.isRegularFile(wt.resolve("README.md")));
        assertEquals(Optional.of("agentorchestr/s1/implementer-w01"), git.currentBranch(wt));
        assertEquals(Optional.of("main"), git.currentBranch(repo.dir()));
        assertTrue(git.listWorktrees(repo.dir()).stream().anyMatch(e -> e.path().equals(wt)
                && e.branch().equals("agentorchestr/s1/implementer-w01") && e.head().equals(base)));
        assertEquals(repo.dir().resolve(".git").toAbsolutePath(), git.commonDir(wt).toAbsolutePath());
    }

    @Test
    void anExistingBranchIsNeverReused() {
        newWorktree("w01");
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> worktrees.create(repo.dir(),
                dir.resolve("elsewhere"), "agentorchestr/s1/implementer-w01", base));
        assertTrue(e.getMessage().contains("agentorchestr never reuses a branch"), e.getMessage());
    }

    @Test
    void removingAWorktreeWithUncommittedWorkCommitsItToTheBranchFirst() throws IOException {
        Path wt = newWorktree("w01");
        Files.writeString(wt.resolve("new-file.txt"), "precious work\n");
        Files.writeString(wt.resolve("README.md"), "# changed\n");
        assertFalse(git.status(wt).clean());

        Optional<String> rescue = worktrees.removeSafely(repo.dir(), wt, "save work");

        assertTrue(rescue.isPresent());
        assertFalse(Files.exists(wt));
        assertEquals("precious work", repo.git("show", "agentorchestr/s1/implementer-w01:new-file.txt"));
        assertEquals("# changed", repo.git("show", "agentorchestr/s1/implementer-w01:README.md"));
        assertTrue(git.branchExists(repo.dir(), "agentorchestr/s1/implementer-w01"));
    }

    @Test
    void gitItselfRefusesToRemoveADirtyWorktreeSoNothingIsForced() throws IOException {
        Path wt = newWorktree("w01");
        Files.writeString(wt.resolve("dirty.txt"), "x");
        assertThrows(ProcessFailedException.class, () -> git.removeWorktree(repo.dir(), wt));
        assertTrue(Files.exists(wt.resolve("dirty.txt")));
    }

    @Test
    void controlFilesStayOutOfCommitsButProjectContextIsCommittable() throws IOException {
        Path wt = newWorktree("w01");
        ControlFiles.EXCLUDE_PATTERNS.forEach(p -> git.exclude(repo.dir(), p));
        ControlFiles.EXCLUDE_PATTERNS.forEach(p -> git.exclude(repo.dir(), p)); // idempotent
        new DoneFlag(WorkerState.DONE, "ok").write(wt);
        Files.writeString(ControlFiles.controlDir(wt).resolve("PROJECT.md"), "# project\n");

        String commit = git.commitAll(wt, "work").orElseThrow();

        String files = repo.git("show", "--name-only", "--format=", commit);
        assertEquals(".agentorchestr/PROJECT.md", files);
        String exclude = Files.readString(repo.dir().resolve(".git/info/exclude"));
        assertEquals(1, exclude.lines().filter(l -> l.equals("/.agentorchestr/done.flag")).count());
    }

    @Test
    void commitAllRecordsDeletionsAndReportsNothingToCommit() throws IOException {
        Path wt = newWorktree("w01");
        assertEquals(Optional.empty(), git.commitAll(wt, "nothing"));
        Files.delete(wt.resolve("README.md"));
        Files.writeString(wt.resolve("a.txt"), "a");
        String commit = git.commitAll(wt, "replace readme").orElseThrow();
        assertTrue(git.status(wt).clean());
        List<CommitSummary> commits = git.commitsSince(wt, base);
        assertEquals(List.of(new CommitSummary(commit, "replace readme")), commits);
        assertEquals("a.txt", repo.git("ls-tree", "--name-only", commit));
    }

    @Test
    void savingAWorktreesWorkLeavesOutWhatACrashWroteAndKeepsItOnDisk() throws IOException {
        Path wt = newWorktree("w01");
        Files.writeString(wt.resolve("a.txt"), "a");
        Files.writeString(wt.resolve("hs_err_pid4242.log"), "# A fatal error has been detected");
        Files.createDirectories(wt.resolve("sub"));
        Files.writeString(wt.resolve("sub/replay_pid7.log"), "replay");
        Files.writeString(wt.resolve("core.991"), "dump");
        String commit = git.commitAll(wt, "save").orElseThrow();
        assertEquals(List.of("README.md", "a.txt"), repo.git("ls-tree", "-r", "--name-only", commit).lines().toList());
        assertTrue(Files.exists(wt.resolve("hs_err_pid4242.log")) && Files.exists(wt.resolve("core.991")));

        Path only = newWorktree("w02");
        Files.writeString(only.resolve("java_pid12.hprof"), "heap");
        assertEquals(Optional.empty(), git.commitAll(only, "save"), "a crash file alone is nothing to save");
        assertTrue(CrashFiles.is("x/hs_err_pid1.log") && !CrashFiles.is("core") && !CrashFiles.is("core.txt"));
    }

    @Test
    void unmergedBranchesAreNotDeleted() {
        Path wt = newWorktree("w01");
        assertThrows(ProcessFailedException.class,
                () -> git.deleteMergedBranch(repo.dir(), "agentorchestr/s1/implementer-w01")); // checked out
        git.removeWorktree(repo.dir(), wt);
        git.pruneWorktrees(repo.dir());
        git.deleteMergedBranch(repo.dir(), "agentorchestr/s1/implementer-w01"); // no commits of its own: merged
        assertFalse(git.branchExists(repo.dir(), "agentorchestr/s1/implementer-w01"));
    }

    @Test
    void refsAndRepositoriesAreRecognised() throws IOException {
        assertTrue(git.isWorkTree(repo.dir()));
        assertFalse(git.isWorkTree(dir));
        assertEquals(Optional.empty(), git.resolveCommit(repo.dir(), "no-such-branch"));
        assertEquals(Optional.of(base), git.resolveCommit(repo.dir(), "main"));
        assertEquals(repo.dir().toRealPath().toString(), git.topLevel(repo.dir()).toString());
    }
}
