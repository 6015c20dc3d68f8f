package io.agentorchestr.core.goal;

import io.agentorchestr.core.error.AgentorchestrException;
import java.nio.file.Files;

import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.MergeAttempt;
import io.agentorchestr.core.git.Worktrees;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The session's integration branch {@code agentorchestr/<sid>/integration}, created from the base
 * commit in a worktree of its own: finished workers are merged there, and verification runs there,
 * so the user's checkout and branch are never touched.
 */
public final class Integration {
    private final Git git;
    private final Path repo;
    private final Path worktree;
    private final String branch;
    /** Older than this, an index lock in the integration worktree is a killed git's, not a running one's. */
    private static final java.time.Duration STALE_LOCK = java.time.Duration.ofSeconds(30);

    private Integration(Git git, Path repo, Path worktree, String branch) {
        this.git = git;
        this.repo = repo;
        this.worktree = worktree;
        this.branch = branch;
    }

    public static String branchName(String sessionId) {
        return "agentorchestr/" + sessionId + "/integration";
    }

    /** Creates the integration worktree and branch from {@code baseCommit}. */
    public static Integration create(Git git, Worktrees worktrees, Path repo, String sessionId, String baseCommit) {
        String branch = branchName(sessionId);
        Path path = worktrees.pathFor(repo, sessionId, "integration");
        worktrees.create(repo, path, branch, baseCommit);
        return new Integration(git, repo, path, branch);
    }

    /**
     * The integration worktree of a session being resumed; a merge the crash left half done is aborted
     * (the worker's branch still holds its work, and it is merged again on request).
     */
    public static Integration open(Git git, Worktrees worktrees, Path repo, String sessionId) {
        String branch = branchName(sessionId);
        Path path = worktrees.pathFor(repo, sessionId, "integration");
        if (!Files.isDirectory(path) || !git.branchExists(repo, branch)) {
            throw AgentorchestrException.error("the integration worktree " + path + " or its branch " + branch
                    + " is missing, so session " + sessionId + " cannot resume; if the branch exists, restore the "
                    + "worktree with: git -C " + repo + " worktree add " + path + " " + branch);
        }
        Integration integration = new Integration(git, repo, path, branch);
        integration.recover();
        return integration;
    }

    public Path worktree() {
        return worktree;
    }

    public String branch() {
        return branch;
    }

    /**
     * Merges a worker branch. Anything left uncommitted in the integration worktree (the lead works
     * there) is committed first, so a merge never fails on, or loses, local changes.
     */
    public synchronized MergeAttempt merge(String workerBranch, String message) {
        recover();
        saveLocalChanges();
        return git.merge(worktree, workerBranch, message);
    }

    /**
     * Takes back what a git killed part way through a merge left here (SIGKILL of agentorchestr or of
     * git): a stale index lock, then the half-done merge. The worker's branch still holds its work.
     */
    private void recover() {
        git.removeStaleIndexLock(worktree, STALE_LOCK);
        git.abortUnfinishedMerge(worktree);
    }

    public synchronized Optional<String> saveLocalChanges() {
        return git.commitAll(worktree, "agentorchestr: changes made in the integration worktree");
    }

    /** What a worker branch changed relative to where it forked from the base. */
    /** The commit {@code branch} points at, if it exists. */
    public java.util.Optional<String> head(String branch) {
        return git.resolveCommit(repo, branch);
    }

    public String diff(String baseCommit, String workerBranch) {
        return git.diff(repo, baseCommit, workerBranch);
    }
}
