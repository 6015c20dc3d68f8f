package io.agentorchestr.core.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Port to git. Worktree and branch bookkeeping goes through the git CLI (JGit cannot create
 * worktrees, and its branch delete would remove a branch checked out elsewhere); content
 * operations inside a worktree (status, add, commit, log) go through JGit.
 */
public interface Git {

    /** Whether {@code dir} is inside a git work tree. */
    boolean isWorkTree(Path dir);

    /** The repository's object format: "sha1", or "sha256" for repositories made with --object-format. */
    String objectFormat(Path dir);

    /** Whether {@code dir} is a bare repository (git's objects and refs, no working tree to work in). */
    boolean isBare(Path dir);

    /** The top-level directory of the work tree containing {@code dir}. */
    Path topLevel(Path dir);

    /** The repository's common git directory (shared by all its worktrees). */
    Path commonDir(Path dir);

    /** The commit id a ref resolves to, if it resolves to a commit. */
    Optional<String> resolveCommit(Path repo, String ref);

    /** The checked-out branch (short name); empty when HEAD is detached or unborn. */
    Optional<String> currentBranch(Path repo);

    /** {@code git worktree add -b branch path start}: a new branch checked out in a new worktree. */
    void addWorktree(Path repo, Path worktree, String branch, String startCommit);

    /** {@code git worktree add --detach path commit}: a worktree on no branch, made ahead of need. */
    void addDetachedWorktree(Path repo, Path worktree, String commit);

    /** {@code git worktree move}: the worktree's directory and git's record of it. */
    void moveWorktree(Path repo, Path from, Path to);

    /** {@code git checkout -b branch} in a worktree: a new branch at its HEAD, checked out there. */
    void checkoutNewBranch(Path worktree, String branch);

    /**
     * {@code git checkout -b branch commit} in a clean worktree: a new branch at {@code commit},
     * checked out there (git refuses when a change there would be overwritten).
     */
    void checkoutNewBranch(Path worktree, String branch, String commit);

    /** {@code git worktree remove} (without --force: git refuses a worktree with changes). */
    void removeWorktree(Path repo, Path worktree);

    void pruneWorktrees(Path repo);

    List<WorktreeEntry> listWorktrees(Path repo);

    boolean branchExists(Path repo, String branch);

    /** The short names of the branches whose names start with {@code prefix} ("agentorchestr/ab12cd34/"). */
    List<String> branchesUnder(Path repo, String prefix);

    /** Deletes a branch only if it is merged into HEAD ({@code git branch -d}); never forced. */
    void deleteMergedBranch(Path repo, String branch);

    /**
     * Deletes {@code branch} only if it still points at {@code commit} (a compare-and-delete, so work
     * added to it meanwhile is never lost); true if it was deleted.
     */
    boolean deleteBranchAt(Path repo, String branch, String commit);

    /** Whether {@code commit} is reachable from {@code from} (i.e. merged into it). */
    boolean isAncestor(Path repo, String commit, String from);

    /**
     * Whether {@code target} already has everything {@code commit} would bring: merged, or its changes
     * squashed or cherry-picked in (merging it would leave {@code target}'s tree as it is).
     */
    boolean contentIn(Path repo, String commit, String target);

    /** Uncommitted changes (tracked or untracked, not ignored) in a worktree. */
    WorktreeStatus status(Path worktree);

    /** Stages everything (additions, changes, deletions) and commits; empty when there was nothing. */
    Optional<String> commitAll(Path worktree, String message);

    /** One-line summaries of the commits reachable from HEAD but not from {@code base}, newest first. */
    List<CommitSummary> commitsSince(Path worktree, String base);

    /**
     * Merges {@code branch} into the branch checked out in {@code worktree} with a merge commit. On a
     * conflict the merge is aborted (the worktree is left clean) and the conflicting paths are returned.
     */
    MergeAttempt merge(Path worktree, String branch, String message);

    /** {@code git diff from...to} with a stat header, as text. */
    String diff(Path repo, String from, String to);

    /** A merge, rebase, cherry-pick, revert or bisect the checkout is in the middle of, if any. */
    Optional<String> operationInProgress(Path worktree);

    /** Aborts a merge left half done (a crash in the middle); true if there was one. */
    boolean abortUnfinishedMerge(Path worktree);

    /**
     * Removes the worktree's index lock if it is older than {@code age}: what a git killed part way
     * leaves, which blocks every later git command there. Only for worktrees agentorchestr alone uses.
     */
    boolean removeStaleIndexLock(Path worktree, java.time.Duration age);

    /** Adds a pattern to the repository's {@code info/exclude} once (shared by all its worktrees). */
    void exclude(Path repo, String pattern);
}
