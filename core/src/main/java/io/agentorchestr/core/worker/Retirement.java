package io.agentorchestr.core.worker;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.Worktrees;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.nio.file.Files;
import java.nio.file.Path;

/** What a merged worker leaves: its agent and worktree go, its branch and pane log stay. */
final class Retirement {
    private static final long RETIRE_RETRY_MS = 500;
    private final Tmux tmux;
    private final Git git;
    private final Worktrees worktrees;

    Retirement(Tmux tmux, Git git, Worktrees worktrees) {
        this.tmux = tmux;
        this.git = git;
        this.worktrees = worktrees;
    }

    /**
     * A merged worker is done with its pane and worktree: its agent is stopped, the worktree removed
     * (anything uncommitted is committed to its branch first), the branch and the pane log are kept.
     */
    void retire(SessionRecord session, WorkerRecord w) {
        tmux.killPane(new PaneRef(w.paneId()));
        Path worktree = Path.of(w.worktree());
        String message = "agentorchestr: save uncommitted work of " + w.id() + " before removing its worktree";
        if (!Files.isDirectory(worktree)) {
            return;
        }
        try {
            worktrees.removeSafely(Path.of(session.project()), worktree, message);
        } catch (AgentorchestrException first) {
            // The agent just killed may still be writing there for a moment (git then finds the
            // worktree unclean, or cannot empty it): once more, after it is gone.
            pauseBeforeRetry();
            if (!Files.isDirectory(worktree)) {
                git.pruneWorktrees(Path.of(session.project()));
                return;
            }
            try {
                worktrees.removeSafely(Path.of(session.project()), worktree, message);
            } catch (AgentorchestrException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(RETIRE_RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
