package io.agentorchestr.core.git;

import java.util.List;

/**
 * The result of merging a branch into a worktree's branch.
 *
 * @param commit    the merge commit (or the fast-forwarded head) when merged
 * @param conflicts paths in conflict when not merged (the merge was aborted, the worktree is clean)
 */
public record MergeAttempt(boolean merged, String commit, List<String> conflicts, String message) {
    public MergeAttempt {
        conflicts = List.copyOf(conflicts);
    }
}
