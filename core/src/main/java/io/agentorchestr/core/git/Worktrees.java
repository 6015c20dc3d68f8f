package io.agentorchestr.core.git;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.ProcessFailedException;
import io.agentorchestr.core.text.ShortHash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Worker worktrees: where they live ({@code <data>/worktrees/<repo>-<hash>/<sid>/<worker>}, never
 * inside the user's checkout), creating them on a fresh branch, and removing them without ever
 * losing work: uncommitted changes are committed to the worktree's branch first, and the branch is
 * kept.
 */
public final class Worktrees {
    private final Git git;
    private final Path root;
    private SpareWorktree spare;

    public Worktrees(Git git, Path root) {
        this.git = git;
        this.root = root;
    }

    /** The directory for one worker's worktree of {@code repo} in session {@code sessionId}. */
    public Path pathFor(Path repo, String sessionId, String workerId) {
        Path common = git.commonDir(repo).toAbsolutePath().normalize();
        Path top = git.topLevel(repo);
        String name = top.getFileName() == null ? "repo" : top.getFileName().toString();
        return root.resolve(name + "-" + ShortHash.of(common.toString())).resolve(sessionId).resolve(workerId);
    }

    /**
     * From now on keeps a worktree of {@code commit} checked out ahead of need for session {@code
     * sessionId}'s next {@link #create} (see {@link SpareWorktree}); one session at a time.
     */
    public synchronized void keepSpare(Path repo, String sessionId, String commit) {
        Path dir = pathFor(repo, sessionId, "x").getParent();
        if (spare == null || !spare.serves(repo, dir, commit)) {
            dropSpare();
            spare = new SpareWorktree(git, repo, dir, commit);
        }
    }

    /** Removes the spare worktree (it never holds work), and makes no more. */
    public void dropSpare() {
        SpareWorktree s;
        synchronized (this) {
            s = spare;
            spare = null;
        }
        if (s != null) {
            s.close();
        }
    }

    /** Creates the worktree at {@code path} on a new {@code branch} starting at {@code baseCommit}. */
    public void create(Path repo, Path path, String branch, String baseCommit) {
        if (Files.exists(path)) {
            throw AgentorchestrException.error("worktree directory " + path + " already exists; it may hold "
                    + "another session's work: inspect it, then remove it with `git worktree remove`");
        }
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot create " + path.getParent() + ": " + e.getMessage()
                    + "; check permissions and free space of the data directory", e);
        }
        try {
            SpareWorktree s;
            synchronized (this) {
                s = spare;
            }
            if (s == null || !s.takeAs(repo, path, branch, baseCommit)) {
                git.addWorktree(repo, path, branch, baseCommit);
            }
        } catch (ProcessFailedException e) {
            // Left to git itself (one process less per spawn): `worktree add -b` refuses an existing branch.
            if (e.result().stderr().contains("a branch named '" + branch + "' already exists")) {
                throw AgentorchestrException.error("branch " + branch + " already exists in " + repo
                        + "; agentorchestr never reuses a branch: remove it or start a new session", e);
            }
            throw e;
        }
    }

    /**
     * Removes a worktree after committing anything uncommitted to its branch.
     *
     * @return the id of the rescue commit, if one was needed
     */
    public Optional<String> removeSafely(Path repo, Path path, String message) {
        Optional<String> rescue = git.commitAll(path, message);
        git.removeWorktree(repo, path);
        return rescue;
    }
}
