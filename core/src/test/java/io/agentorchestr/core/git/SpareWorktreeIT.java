package io.agentorchestr.core.git;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.Poll;
import io.agentorchestr.core.testing.TestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worktree made ahead of the next spawn, against real git repositories. */
@Timeout(60)
class SpareWorktreeIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private TestRepo repo;
    private final Git git = new LocalGit(new SystemProcessRunner());
    private Worktrees worktrees;
    private String base;
    private Path sessionDir;

    @BeforeEach
    void setUp() throws IOException {
        repo = TestRepo.create(dir.resolve("project"));
        worktrees = new Worktrees(git, dir.resolve("data/worktrees"));
        base = git.resolveCommit(repo.dir(), "HEAD").orElseThrow();
        sessionDir = worktrees.pathFor(repo.dir(), "s1", "x").getParent();
    }

    @AfterEach
    void tearDown() {
        worktrees.dropSpare();
    }

    private List<Path> spares() {
        if (!Files.isDirectory(sessionDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(sessionDir)) {
            return children.filter(p -> p.getFileName().toString().startsWith(".spare-")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The spare once git has made it (its files are checked out and git lists it). */
    private Path readySpare() {
        return Poll.value("a spare worktree", WAIT, () -> spares().stream()
                .filter(p -> git.listWorktrees(repo.dir()).stream().anyMatch(e -> e.path().equals(p)))
                .filter(p -> Files.isRegularFile(p.resolve("README.md"))).findFirst().orElse(null));
    }

    @Test
    void aNewWorktreeIsTheSpareMovedIntoPlaceOnItsOwnFreshBranch() {
        worktrees.keepSpare(repo.dir(), "s1", base);
        Path spare = readySpare();
        Path wt = worktrees.pathFor(repo.dir(), "s1", "w01");

        worktrees.create(repo.dir(), wt, "agentorchestr/s1/implementer-w01", base);

        assertFalse(Files.exists(spare), "the spare was taken");
        assertEquals(Optional.of("agentorchestr/s1/implementer-w01"), git.currentBranch(wt));
        assertTrue(git.status(wt).clean());
        assertTrue(Files.isRegularFile(wt.resolve("README.md")));
        assertTrue(git.listWorktrees(repo.dir()).stream().anyMatch(e -> e.path().equals(wt)
                && e.branch().equals("agentorchestr/s1/implementer-w01") && e.head().equals(base)));
        assertEquals(Optional.of("main"), git.currentBranch(repo.dir()));
    }

    @Test
    void aSpareIsMadeAgainAfterATakeAndRemovedWhenTheSessionStopsSpawning() {
        worktrees.keepSpare(repo.dir(), "s1", base);
        Path first = readySpare();
        worktrees.create(repo.dir(), worktrees.pathFor(repo.dir(), "s1", "w01"), "agentorchestr/s1/i-w01", base);
        Path second = readySpare();
        assertFalse(second.equals(first));

        worktrees.dropSpare();

        assertEquals(List.of(), spares());
        assertTrue(git.listWorktrees(repo.dir()).stream().noneMatch(e -> e.path().equals(second)));
    }

    @Test
    void aWorkerStartingFromAnotherCommitGetsAWorktreeOfItsOwnAndTheSpareWaits() throws IOException {
        worktrees.keepSpare(repo.dir(), "s1", base);
        Path spare = readySpare();
        Files.writeString(repo.dir().resolve("later.txt"), "later\n");
        repo.git("add", "later.txt");
        repo.git("commit", "-q", "-m", "later");
        String later = git.resolveCommit(repo.dir(), "HEAD").orElseThrow();
        Path wt = worktrees.pathFor(repo.dir(), "s1", "w02");

        worktrees.create(repo.dir(), wt, "agentorchestr/s1/implementer-w02", later);

        assertTrue(Files.isRegularFile(wt.resolve("later.txt")));
        assertTrue(Files.isDirectory(spare), "the spare is of the base commit and stays for the next spawn");
    }

    @Test
    void anExistingBranchIsStillRefusedAndTheTakenSpareLeavesNothingBehind() {
        repo.git("branch", "agentorchestr/s1/implementer-w01");
        worktrees.keepSpare(repo.dir(), "s1", base);
        readySpare();
        Path wt = worktrees.pathFor(repo.dir(), "s1", "w01");

        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> worktrees.create(repo.dir(), wt,
                "agentorchestr/s1/implementer-w01", base));

        assertTrue(e.getMessage().contains("agentorchestr never reuses a branch"), e.getMessage());
        assertFalse(Files.exists(wt));
        assertTrue(git.listWorktrees(repo.dir()).stream().noneMatch(w -> w.path().equals(wt)));
        assertEquals(Optional.of(base), git.resolveCommit(repo.dir(), "refs/heads/agentorchestr/s1/implementer-w01"));
    }

    @Test
    void aSpareSomeoneChangedIsNeverRemovedAndACleanOneLeftByACrashIs() throws IOException {
        worktrees.keepSpare(repo.dir(), "s1", base);
        Path changed = readySpare();
        Files.writeString(changed.resolve("notes.txt"), "someone worked here\n");
        worktrees.dropSpare();
        assertEquals("someone worked here\n", Files.readString(changed.resolve("notes.txt")));

        git.addDetachedWorktree(repo.dir(), sessionDir.resolve(".spare-1-1"), base);  // a crashed run's spare
        Worktrees restarted = new Worktrees(git, dir.resolve("data/worktrees"));
        restarted.keepSpare(repo.dir(), "s1", base);
        try {
            Poll.until("the clean left-over spare removed", WAIT, () -> !Files.exists(sessionDir.resolve(".spare-1-1")));
            assertTrue(Files.isRegularFile(changed.resolve("notes.txt")));
        } finally {
            restarted.dropSpare();
        }
    }
}
