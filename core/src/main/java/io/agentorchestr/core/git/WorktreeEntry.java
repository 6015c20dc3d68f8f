package io.agentorchestr.core.git;

import java.nio.file.Path;

/** One entry of {@code git worktree list --porcelain}. */
public record WorktreeEntry(Path path, String head, String branch, boolean prunable) {
}
