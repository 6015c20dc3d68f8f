package io.agentorchestr.core.git;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.ExecResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a git command cut short left in a worktree: an operation in progress (a merge's MERGE_HEAD, a
 * rebase), a stale index lock. Found by reading the worktree's own git directory, taken back on
 * request ({@link Git#operationInProgress}, {@link Git#abortUnfinishedMerge}, {@link Git#removeStaleIndexLock}).
 */
final class UnfinishedOperations {
    private final GitCommands commands;
    /** A worktree's git directory never changes while we run: asked of git once. */
    private final Map<Path, Path> gitDirs = new ConcurrentHashMap<>();

    UnfinishedOperations(GitCommands commands) {
        this.commands = commands;
    }

    /** The worktree's own git directory (its index, MERGE_HEAD, locks); asked of git once per worktree. */
    private Optional<Path> gitDir(Path worktree) {
        Path key = worktree.toAbsolutePath().normalize();
        Path known = gitDirs.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        ExecResult r = commands.run(worktree, "rev-parse", "--absolute-git-dir");
        if (!r.ok()) {
            return Optional.empty();
        }
        Path dir = Path.of(r.stdout().strip());
        gitDirs.put(key, dir);
        return Optional.of(dir);
    }

    Optional<String> operationInProgress(Path worktree) {
        Optional<Path> gitDir = gitDir(worktree);
        if (gitDir.isEmpty()) {
            return Optional.empty();
        }
        Path dir = gitDir.get();
        if (Files.isDirectory(dir.resolve("rebase-merge")) || Files.isDirectory(dir.resolve("rebase-apply"))) {
            return Optional.of("rebase");
        }
        for (String[] marker : new String[][]{{"MERGE_HEAD", "merge"}, {"CHERRY_PICK_HEAD", "cherry-pick"},
            {"REVERT_HEAD", "revert"}, {"BISECT_LOG", "bisect"}}) {
            if (Files.exists(dir.resolve(marker[0]))) {
                return Optional.of(marker[1]);
            }
        }
        return Optional.empty();
    }

    boolean abortUnfinishedMerge(Path worktree) {
        if (!gitDir(worktree).map(d -> Files.exists(d.resolve("MERGE_HEAD"))).orElse(false)) {
            return false;
        }
        commands.checked(worktree, "merge", "--abort");
        return true;
    }

    boolean removeStaleIndexLock(Path worktree, Duration age) {
        Optional<Path> gitDir = gitDir(worktree);
        if (gitDir.isEmpty()) {
            return false;
        }
        Path lock = gitDir.get().resolve("index.lock");
        try {
            if (Files.getLastModifiedTime(lock).toInstant().isAfter(java.time.Instant.now().minus(age))) {
                return false;
            }
            return Files.deleteIfExists(lock);
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        } catch (java.io.IOException e) {
            throw AgentorchestrException.error("cannot remove the stale lock " + lock + " (" + e.getMessage()
                    + "); remove it by hand if no git command is running in " + worktree, e);
        }
    }
}
