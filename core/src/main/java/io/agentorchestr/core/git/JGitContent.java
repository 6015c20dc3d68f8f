package io.agentorchestr.core.git;

import io.agentorchestr.core.error.AgentorchestrException;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Content operations inside one worktree, with JGit (no process per call). */
final class JGitContent {
    /**
     * JGit reads the user's git config (the identity of every commit it makes) from the JVM's
     * {@code user.home}, which comes from the password database; git, and the user, mean {@code $HOME}.
     */
    JGitContent() {
        String home = System.getenv("HOME");
        if (home != null && !home.isBlank()) {
            org.eclipse.jgit.util.FS.DETECTED.setUserHome(new java.io.File(home));
        }
    }

    WorktreeStatus status(Path worktree) {
        try (org.eclipse.jgit.api.Git git = open(worktree)) {
            Status s = git.status().call();
            Set<String> changed = new HashSet<>();
            changed.addAll(s.getAdded());
            changed.addAll(s.getChanged());
            changed.addAll(s.getModified());
            changed.addAll(s.getRemoved());
            changed.addAll(s.getMissing());
            changed.addAll(s.getConflicting());
            return new WorktreeStatus(changed, s.getUntracked());
        } catch (GitAPIException e) {
            throw failure("read the status of", worktree, e);
        }
    }

    /** Commits everything; retried briefly when another git process holds the index or a ref lock. */
    Optional<String> commitAll(Path worktree, String message) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commitAllOnce(worktree, message);
            } catch (org.eclipse.jgit.api.errors.JGitInternalException | io.agentorchestr.core.error.AgentorchestrException e) {
                if (attempt >= 5 || !String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("lock")) {
                    throw e;
                }
                try {
                    Thread.sleep(100L << attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Optional<String> commitAllOnce(Path worktree, String message) {
        try (org.eclipse.jgit.api.Git git = open(worktree)) {
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call();
            List<String> crashed = git.status().call().getAdded().stream().filter(CrashFiles::is).toList();
            if (!crashed.isEmpty()) {
                org.eclipse.jgit.api.RmCommand rm = git.rm().setCached(true);
                crashed.forEach(rm::addFilepattern);
                rm.call();
            }
            if (git.status().call().getUncommittedChanges().isEmpty()) {
                return Optional.empty();
            }
            RevCommit commit = git.commit().setMessage(message).setSign(false).call();
            return Optional.of(commit.getName());
        } catch (GitAPIException e) {
            throw failure("commit in", worktree, e);
        }
    }

    List<CommitSummary> commitsSince(Path worktree, String base) {
        try (org.eclipse.jgit.api.Git git = open(worktree)) {
            Repository repo = git.getRepository();
            ObjectId head = repo.resolve("HEAD");
            ObjectId from = repo.resolve(base);
            if (head == null || from == null) {
                return List.of();
            }
            List<CommitSummary> out = new ArrayList<>();
            for (RevCommit c : git.log().addRange(from, head).call()) {
                out.add(new CommitSummary(c.getName(), c.getShortMessage()));
            }
            return out;
        } catch (IOException | GitAPIException e) {
            throw failure("read the history of", worktree, e);
        }
    }

    private static org.eclipse.jgit.api.Git open(Path worktree) {
        try {
            Repository repo = new FileRepositoryBuilder().setWorkTree(worktree.toFile()).findGitDir(worktree.toFile())
                    .setMustExist(true).build();
            return new org.eclipse.jgit.api.Git(repo, true);
        } catch (IOException | IllegalArgumentException e) {
            throw failure("open the repository of", worktree, e);
        }
    }

    private static AgentorchestrException failure(String what, Path worktree, Exception e) {
        return AgentorchestrException.error("cannot " + what + " " + worktree + ": " + e.getMessage(), e);
    }
}
