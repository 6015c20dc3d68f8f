package io.agentorchestr.core.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One worktree of a session's base commit, checked out ahead of need: {@code git worktree add} costs
 * four git processes (branch, symbolic-ref and reset --hard are children of its own), and a spawn
 * that finds a spare waiting needs two ({@code worktree move}, {@code checkout -b}). The spare is made
 * again after each take, on a thread of its own, while the worker just started is busy starting.
 *
 * <p>A spare is detached at the base commit and never holds work: it is removed when the session
 * stops spawning, and one a crash left behind is removed by the next spare of that session (or by
 * {@code --clean}), only through {@code git worktree remove}, which refuses a worktree with changes.
 */
final class SpareWorktree {
    private static final String PREFIX = ".spare-";
    /** The spawn that took the spare is still starting its agent: the next one is made after it. */
    private static final long REFILL_DELAY_MS = 500;

    private final Git git;
    private final Path repo;
    private final Path sessionDir;
    private final String commit;
    private final ScheduledExecutorService maker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spare-worktree");
        t.setDaemon(true);
        return t;
    });
    /** The spare being made (or made); {@link #scheduled} is its turn on the maker thread. */
    private CompletableFuture<Path> next;
    private ScheduledFuture<?> scheduled;
    /** Whether the maker has taken {@link #next} up: from then on it is worth waiting for. */
    private volatile boolean started;
    private volatile boolean closed;
    private int made;

    /** Starts making the first spare of {@code repo} at {@code commit} in {@code sessionDir}. */
    SpareWorktree(Git git, Path repo, Path sessionDir, String commit) {
        this.git = git;
        this.repo = repo;
        this.sessionDir = sessionDir;
        this.commit = commit;
        maker.execute(this::removeLeftOvers);
        makeNext(0);
    }

    boolean serves(Path repo, Path sessionDir, String commit) {
        return this.repo.equals(repo) && this.sessionDir.equals(sessionDir) && this.commit.equals(commit);
    }

    /**
     * Moves the spare to {@code path} and checks {@code branch} out in it, when a spare of {@code
     * startCommit} of {@code repo} is ready or being made (one still waiting for its turn is not
     * waited for).
     *
     * @return false when there was none: make the worktree the usual way
     */
    synchronized boolean takeAs(Path repo, Path path, String branch, String startCommit) {
        Optional<Path> ready = closed || !this.repo.equals(repo) || !commit.equals(startCommit) ? Optional.empty()
                : made();
        if (ready.isEmpty()) {
            return false;
        }
        Path spare = ready.get();
        makeNext(REFILL_DELAY_MS);
        try {
            git.moveWorktree(repo, spare, path);
        } catch (RuntimeException e) {
            maker.execute(() -> removeQuietly(spare));
            return false;
        }
        try {
            git.checkoutNewBranch(path, branch);
        } catch (RuntimeException e) {
            removeQuietly(path);
            throw e;
        }
        return true;
    }

    /** No more spares; the one waiting is removed (on the caller's thread: the session is ending). */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduled.cancel(false);
        maker.shutdown();
        // Taken up before the cancel: it saw closed and made nothing, or it is made; either way it ends.
        if (started) {
            made().ifPresent(this::removeQuietly);
        }
    }

    /** The spare, once made, when it is made or being made. */
    private Optional<Path> made() {
        if (!started && !next.isDone()) {
            return Optional.empty();
        }
        try {
            return Optional.of(next.join());
        } catch (CompletionException | CancellationException e) {
            return Optional.empty();
        }
    }

    private void makeNext(long delayMs) {
        Path spare = sessionDir.resolve(PREFIX + (++made) + "-" + ProcessHandle.current().pid());
        CompletableFuture<Path> result = new CompletableFuture<>();
        started = false;
        next = result;
        scheduled = maker.schedule(() -> {
            started = true;
            if (closed) {
                result.cancel(false);
                return;
            }
            try {
                git.addDetachedWorktree(repo, spare, commit);
                result.complete(spare);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Spares of an earlier run of this session (it crashed, or was stopped hard). */
    private void removeLeftOvers() {
        if (!Files.isDirectory(sessionDir)) {
            return;
        }
        List<Path> old;
        try (Stream<Path> children = Files.list(sessionDir)) {
            old = children.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList();
        } catch (IOException e) {
            return;
        }
        old.forEach(this::removeQuietly);
    }

    private void removeQuietly(Path worktree) {
        try {
            git.removeWorktree(repo, worktree);
        } catch (RuntimeException e) {
            // Changes in it (someone worked there) or gone already: left for --clean, which says why.
        }
    }
}
