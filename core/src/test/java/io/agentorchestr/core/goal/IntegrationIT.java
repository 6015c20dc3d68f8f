package io.agentorchestr.core.goal;

import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.LocalGit;
import io.agentorchestr.core.git.MergeAttempt;
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
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The integration worktree after a merge killed at any point: the next merge goes through. */
@Timeout(60)
class IntegrationIT {
    @TempDir
    Path dir;
    private TestRepo repo;
    private final Git git = new LocalGit(new SystemProcessRunner());
    private Worktrees worktrees;
    private String base;

    @BeforeEach
    void setUp() throws IOException {
        repo = TestRepo.create(dir.resolve("project"));
        worktrees = new Worktrees(git, dir.resolve("data/worktrees"));
        base = repo.git("rev-parse", "HEAD");
        branch("a", "one");
        branch("b", "two");
        branch("c", "three");
    }

    /** A branch off the base that rewrites the README (so any two conflict) and adds a file of its own. */
    private void branch(String name, String text) throws IOException {
        repo.git("checkout", "-q", "-b", name, base);
        Files.writeString(repo.dir().resolve("README.md"), text + "\n");
        Files.writeString(repo.dir().resolve(name + ".txt"), text + "\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", name);
        repo.git("checkout", "-q", "main");
    }

    /** What SIGKILL leaves when it stops `git merge` part way: MERGE_HEAD, conflicts, a held index lock. */
    private Path killedMidMerge(Integration integration) throws IOException {
        Path wt = integration.worktree();
        assertTrue(integration.merge("a", "merge a").merged());
        new SystemProcessRunner().run(io.agentorchestr.core.process.ProcessSpec.of("git", "-C", wt.toString(),
                "merge", "--no-ff", "--no-edit", "b"));
        Path lock = Path.of(TestRepo.gitIn(wt, "rev-parse", "--path-format=absolute", "--git-path", "index.lock"));
        Files.writeString(lock, "");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(120)));
        assertTrue(Files.exists(Path.of(TestRepo.gitIn(wt, "rev-parse", "--path-format=absolute", "--git-path",
                "MERGE_HEAD"))), "the merge was left half done");
        return wt;
    }

    @Test
    void aResumedSessionMergesAgainAfterAMergeWasKilledPartWay() throws IOException {
        Integration first = Integration.create(git, worktrees, repo.dir(), "s1", base);
        killedMidMerge(first);
        Integration resumed = Integration.open(git, worktrees, repo.dir(), "s1");
        MergeAttempt c = resumed.merge("c", "merge c");
        assertTrue(!c.merged() && c.conflicts().contains("README.md"), "c conflicts with a, as it should: " + c);
        assertTrue(git.status(resumed.worktree()).clean(), "nothing of the killed merge was committed");
    }

    @Test
    void aHangingPreMergeCommitHookCostsItsTimeoutNotTheGoalAndLeavesNothingBehind() throws IOException {
        Git impatient = new LocalGit(new SystemProcessRunner(), java.time.Duration.ofSeconds(3));
        Integration integration = Integration.create(impatient, new Worktrees(impatient, dir.resolve("data/wt2")),
                repo.dir(), "s3", base);
        Path hook = repo.dir().resolve(".git/hooks/pre-merge-commit");
        Files.writeString(hook, "#!/bin/sh\nsleep 300\n");
        hook.toFile().setExecutable(true);
        long t0 = System.nanoTime();
        MergeAttempt a = integration.merge("a", "merge a");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(!a.merged() && a.message().contains("did not finish within 3 s") && a.message().contains(
                "pre-merge-commit"), a.toString());
        assertTrue(seconds < 30, "bounded by the timeout: " + seconds + " s");
        Files.delete(hook);
        assertTrue(integration.merge("a", "merge a").merged(), "the next merge goes through");
    }

    @Test
    void aMergeKilledWhileTheSessionRunsDoesNotBlockTheNextMerge() throws IOException {
        Integration integration = Integration.create(git, worktrees, repo.dir(), "s2", base);
        Path wt = killedMidMerge(integration);
        repo.git("checkout", "-q", "-b", "d", base);
        Files.writeString(repo.dir().resolve("d.txt"), "four\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "d");
        repo.git("checkout", "-q", "main");
        MergeAttempt d = integration.merge("d", "merge d");
        assertTrue(d.merged(), "merged after the half-done merge was taken back: " + d);
        assertTrue(!TestRepo.gitIn(wt, "log", "--format=%s", "-3").contains("Merge branch 'b'"),
                "b's half-done merge was not committed");
    }
}
