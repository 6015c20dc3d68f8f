package io.agentorchestr.core.git;

import java.util.Set;

/** Uncommitted paths of a worktree, relative to its root. */
public record WorktreeStatus(Set<String> changed, Set<String> untracked) {
    public WorktreeStatus {
        changed = Set.copyOf(changed);
        untracked = Set.copyOf(untracked);
    }

    public boolean clean() {
        return changed.isEmpty() && untracked.isEmpty();
    }
}
