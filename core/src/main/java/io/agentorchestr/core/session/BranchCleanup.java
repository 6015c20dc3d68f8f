package io.agentorchestr.core.session;

import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.WorkerRecord;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which of an ended session's branches {@code --clean} deletes, and why: a worker's branch with no
 * commits of its own or merged, the integration branch once its work is in the user's checkout, any of
 * them with {@code --force} (said with the commit that brings it back); never one a kept worktree has
 * checked out.
 */
final class BranchCleanup {
    private final Git git;
    /** In a dry run: whether a worktree would be removed (or is already gone). */
    private final Predicate<Path> cleanOrGone;

    BranchCleanup(Git git, Predicate<Path> cleanOrGone) {
        this.git = git;
        this.cleanOrGone = cleanOrGone;
    }

    SessionCleanup.Item workerBranch(SessionRecord s, Path repo, WorkerRecord w, boolean dryRun, boolean force) {
        Optional<String> tip = git.resolveCommit(repo, "refs/heads/" + w.branch());
        if (tip.isEmpty()) {
            return null;
        }
        String reason;
        if (tip.get().equals(s.baseCommit())) {
            reason = "no commits of its own";
        } else if (s.integrationBranch() != null && git.branchExists(repo, s.integrationBranch())
                && git.isAncestor(repo, tip.get(), "refs/heads/" + s.integrationBranch())) {
            reason = "merged into " + s.integrationBranch();
        } else if (git.contentIn(repo, tip.get(), "HEAD")) {
            reason = IN_HEAD;
        } else if (force) {
            reason = forced(w.branch(), tip.get());
        } else {
            return new SessionCleanup.Item(s.id(), "branch", w.branch(), false, "not merged: its commits are on no other branch; "
                    + "merge it, or delete it with --clean " + s.id() + " --force");
        }
        return deleteBranch(s, repo, w.branch(), tip.get(), reason, dryRun);
    }

    SessionCleanup.Item integrationBranch(SessionRecord s, Path repo, boolean dryRun, boolean force) {
        String branch = s.integrationBranch();
        Optional<String> tip = git.resolveCommit(repo, "refs/heads/" + branch);
        if (tip.isEmpty()) {
            return null;
        }
        if (tip.get().equals(s.baseCommit())) {
            return deleteBranch(s, repo, branch, tip.get(), "nothing was merged into it", dryRun);
        }
        if (git.contentIn(repo, tip.get(), "HEAD")) {
            return deleteBranch(s, repo, branch, tip.get(), IN_HEAD, dryRun);
        }
        if (force) {
            return deleteBranch(s, repo, branch, tip.get(), forced(branch, tip.get()), dryRun);
        }
        return new SessionCleanup.Item(s.id(), "branch", branch, false, "holds the session's merged work, not yet in your checkout: "
                + "git merge " + branch + ", or delete it with --clean " + s.id() + " --force");
    }

    private static final String IN_HEAD = "its work is in your checkout's HEAD (merged, squashed or cherry-picked)";

    /** Said of a branch deleted with --force: where its work was, while git still keeps the commit. */
    private static String forced(String branch, String tip) {
        return "--force: its work is in no other branch; git branch " + branch + " " + tip
                + " brings it back until git prunes the commit";
    }

    private SessionCleanup.Item deleteBranch(SessionRecord s, Path repo, String branch, String tip, String reason, boolean dryRun) {
        Optional<Path> checkedOut = git.listWorktrees(repo).stream().filter(e -> branch.equals(e.branch()))
                .map(e -> e.path()).findFirst();
        // A branch checked out in a worktree that stays is never deleted: the worktree would lose its HEAD.
        if (checkedOut.isPresent() && !(dryRun && cleanOrGone.test(checkedOut.get()))) {
            return new SessionCleanup.Item(s.id(), "branch", branch, false, "checked out in the worktree " + checkedOut.get()
                    + ", which stays");
        }
        if (!dryRun && !git.deleteBranchAt(repo, branch, tip)) {
            return new SessionCleanup.Item(s.id(), "branch", branch, false, "still checked out, or it moved meanwhile");
        }
        return new SessionCleanup.Item(s.id(), "branch", branch, true, reason);
    }
}
