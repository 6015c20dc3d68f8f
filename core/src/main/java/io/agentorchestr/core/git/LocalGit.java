package io.agentorchestr.core.git;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessFailedException;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The real {@link Git}: the git CLI for worktrees and branches, {@link JGitContent} for the rest. */
public final class LocalGit implements Git {
    /** Every git command's, git's own hooks (pre-merge-commit, post-checkout) included. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Keep git from prompting or paging: we are never on its terminal. */
    private static final Map<String, String> QUIET_ENV = Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_PAGER", "cat",
            "LC_ALL", "C");

    private final ProcessRunner runner;
    private final JGitContent content = new JGitContent();
    /** A directory's top level and common dir never change while we run; every spawn asks for them. */
    private final Map<Path, Path> topLevels = new ConcurrentHashMap<>();
    private final Map<Path, Path> commonDirs = new ConcurrentHashMap<>();
    private final Map<Path, Path> gitDirs = new ConcurrentHashMap<>();

    private final Duration timeout;

    public LocalGit(ProcessRunner runner) {
        this(runner, TIMEOUT);
    }

    /** With another limit for each git command (tests of a hanging git hook). */
    public LocalGit(ProcessRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    @Override
    public String objectFormat(Path dir) {
        ExecResult r = git(dir, "rev-parse", "--show-object-format");
        return r.ok() && !r.stdout().isBlank() ? r.stdout().strip() : "sha1";
    }

    @Override
    public boolean isBare(Path dir) {
        ExecResult r = git(dir, "rev-parse", "--is-bare-repository");
        return r.ok() && r.stdout().strip().equals("true");
    }

    @Override
    public boolean isWorkTree(Path dir) {
        ExecResult r = git(dir, "rev-parse", "--is-inside-work-tree");
        return r.ok() && r.stdout().strip().equals("true");
    }

    @Override
    public Path topLevel(Path dir) {
        return topLevels.computeIfAbsent(dir.toAbsolutePath().normalize(),
                d -> Path.of(checked(d, "rev-parse", "--show-toplevel").stdout().strip()));
    }

    @Override
    public Path commonDir(Path dir) {
        return commonDirs.computeIfAbsent(dir.toAbsolutePath().normalize(),
                d -> d.resolve(checked(d, "rev-parse", "--git-common-dir").stdout().strip()).normalize());
    }

    @Override
    public Optional<String> resolveCommit(Path repo, String ref) {
        ExecResult r = git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}");
        return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
    }

    @Override
    public Optional<String> currentBranch(Path repo) {
        ExecResult r = git(repo, "symbolic-ref", "--quiet", "--short", "HEAD");
        return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
    }

    @Override
    public void addWorktree(Path repo, Path worktree, String branch, String startCommit) {
        ExecResult r = runner.run(spec(repo, "worktree", "add", "--quiet", "-b", branch, worktree.toString(),
                startCommit));
        for (int attempt = 1; attempt <= LOCK_RETRIES && contended(r); attempt++) {
            if (!pause(attempt)) {
                break;
            }
            // A lock failure can come after the branch was made (git removes the half-made worktree
            // itself), so a retry checks the existing branch out instead of creating it again.
            runner.run(spec(repo, "worktree", "prune"));
            r = branchExists(repo, branch) && !Files.exists(worktree)
                    ? runner.run(spec(repo, "worktree", "add", "--quiet", worktree.toString(), branch))
                    : runner.run(spec(repo, "worktree", "add", "--quiet", "-b", branch, worktree.toString(),
                    startCommit));
        }
        if (!r.ok()) {
            throw new ProcessFailedException(r);
        }
    }

    @Override
    public void addDetachedWorktree(Path repo, Path worktree, String commit) {
        // Made ahead of need, while agents start: at the lowest CPU priority, so they come first.
        List<String> argv = new ArrayList<>(List.of("nice", "-n", "19"));
        argv.addAll(spec(repo, "worktree", "add", "--quiet", "--detach", worktree.toString(), commit).argv());
        ExecResult r = runner.run(ProcessSpec.of(argv).withEnv(QUIET_ENV).withTimeout(timeout));
        if (!r.ok()) {
            throw new ProcessFailedException(r);
        }
    }

    @Override
    public void moveWorktree(Path repo, Path from, Path to) {
        checked(repo, "worktree", "move", from.toString(), to.toString());
    }

    @Override
    public void checkoutNewBranch(Path worktree, String branch) {
        checked(worktree, "checkout", "--quiet", "-b", branch);
    }

    @Override
    public void removeWorktree(Path repo, Path worktree) {
        checked(repo, "worktree", "remove", worktree.toString());
    }

    @Override
    public void pruneWorktrees(Path repo) {
        checked(repo, "worktree", "prune");
    }

    @Override
    public List<WorktreeEntry> listWorktrees(Path repo) {
        String out = checked(repo, "worktree", "list", "--porcelain", "-z").stdout();
        List<WorktreeEntry> entries = new ArrayList<>();
        Path path = null;
        String head = "";
        String branch = "";
        boolean prunable = false;
        for (String field : out.split("\0", -1)) {
            if (field.isEmpty()) {
                if (path != null) {
                    entries.add(new WorktreeEntry(path, head, branch, prunable));
                }
                path = null;
                head = "";
                branch = "";
                prunable = false;
            } else if (field.startsWith("worktree ")) {
                path = Path.of(field.substring("worktree ".length()));
            } else if (field.startsWith("HEAD ")) {
                head = field.substring("HEAD ".length());
            } else if (field.startsWith("branch ")) {
                branch = field.substring("branch ".length()).replaceFirst("^refs/heads/", "");
            } else if (field.startsWith("prunable")) {
                prunable = true;
            }
        }
        return entries;
    }

    @Override
    public boolean branchExists(Path repo, String branch) {
        return git(repo, "show-ref", "--verify", "--quiet", "refs/heads/" + branch).ok();
    }

    @Override
    public List<String> branchesUnder(Path repo, String prefix) {
        return checked(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/" + prefix).stdout().lines()
                .filter(l -> !l.isBlank()).toList();
    }

    @Override
    public void deleteMergedBranch(Path repo, String branch) {
        checked(repo, "branch", "-d", "--", branch);
    }

    @Override
    public boolean deleteBranchAt(Path repo, String branch, String commit) {
        return git(repo, "update-ref", "-d", "refs/heads/" + branch, commit).ok();
    }

    @Override
    public boolean isAncestor(Path repo, String commit, String from) {
        return git(repo, "merge-base", "--is-ancestor", commit, from).ok();
    }

    @Override
    public boolean contentIn(Path repo, String commit, String target) {
        if (isAncestor(repo, commit, target)) {
            return true;
        }
        // merge-tree --write-tree (git 2.38+) merges in memory, touching no worktree: exit 0 with the
        // merged tree's id, 1 on conflicts. An older git says no, which keeps the branch: safe.
        ExecResult merged = git(repo, "merge-tree", "--write-tree", target, commit);
        ExecResult tree = git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", target + "^{tree}");
        return merged.exitCode() == 0 && tree.ok()
                && merged.stdout().lines().findFirst().orElse("").strip().equals(tree.stdout().strip());
    }

    @Override
    public WorktreeStatus status(Path worktree) {
        return content.status(worktree);
    }

    @Override
    public Optional<String> commitAll(Path worktree, String message) {
        return content.commitAll(worktree, CommitMessage.safe(message));
    }

    @Override
    public List<CommitSummary> commitsSince(Path worktree, String base) {
        return content.commitsSince(worktree, base);
    }

    @Override
    public MergeAttempt merge(Path worktree, String branch, String message) {
        List<String> args = new ArrayList<>(identityArgs(worktree));
        args.addAll(List.of("merge", "--no-ff", "--no-edit", "-m", CommitMessage.safe(message), "--", branch));
        ExecResult r = git(worktree, args.toArray(String[]::new));
        if (r.ok()) {
            return new MergeAttempt(true, checked(worktree, "rev-parse", "HEAD").stdout().strip(), List.of(),
                    r.stdout().strip());
        }
        if (r.timedOut()) {
            // The merge and its hooks were stopped: take back what they left (their lock is ours, just freed).
            removeStaleIndexLock(worktree, Duration.ZERO);
            abortUnfinishedMerge(worktree);
            return new MergeAttempt(false, null, List.of(), "git merge did not finish within " + timeout.toSeconds()
                    + " s (a git hook such as pre-merge-commit may hang: fix or remove it); the merge was taken back");
        }
        List<String> conflicts = git(worktree, "diff", "--name-only", "--diff-filter=U").stdout().lines()
                .filter(l -> !l.isBlank()).toList();
        git(worktree, "merge", "--abort");
        String reason = conflicts.isEmpty() ? r.stderrTail(5) + r.stdout().strip() : "conflicts";
        return new MergeAttempt(false, null, conflicts, reason);
    }

    /** A merge commit needs an identity; use the repository's, else a neutral one, never failing on it. */
    private List<String> identityArgs(Path worktree) {
        boolean hasIdentity = git(worktree, "config", "--get", "user.email").ok()
                && git(worktree, "config", "--get", "user.name").ok();
        return hasIdentity ? List.of() : List.of("-c", "user.name=agentorchestr", "-c",
                "user.email=agentorchestr@localhost");
    }

    @Override
    public String diff(Path repo, String from, String to) {
        String range = from + "..." + to;
        return checked(repo, "diff", "--stat", "--patch", "--no-color", range).stdout();
    }

    @Override
    public void exclude(Path repo, String pattern) {
        Path file = commonDir(repo).resolve("info").resolve("exclude");
        try {
            Files.createDirectories(file.getParent());
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            if (lines.stream().noneMatch(l -> l.strip().equals(pattern))) {
                String prefix = Files.exists(file) && Files.size(file) > 0
                        && !Files.readString(file, StandardCharsets.UTF_8).endsWith("\n") ? "\n" : "";
                Files.writeString(file, prefix + pattern + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot update " + file + ": " + e.getMessage()
                    + "; check that the repository is writable", e);
        }
    }

    /** The worktree's own git directory (its index, MERGE_HEAD, locks); asked of git once per worktree. */
    private Optional<Path> gitDir(Path worktree) {
        Path key = worktree.toAbsolutePath().normalize();
        Path known = gitDirs.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        ExecResult r = git(worktree, "rev-parse", "--absolute-git-dir");
        if (!r.ok()) {
            return Optional.empty();
        }
        Path dir = Path.of(r.stdout().strip());
        gitDirs.put(key, dir);
        return Optional.of(dir);
    }

    @Override
    public Optional<String> operationInProgress(Path worktree) {
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

    @Override
    public boolean abortUnfinishedMerge(Path worktree) {
        if (!gitDir(worktree).map(d -> Files.exists(d.resolve("MERGE_HEAD"))).orElse(false)) {
            return false;
        }
        checked(worktree, "merge", "--abort");
        return true;
    }

    @Override
    public boolean removeStaleIndexLock(Path worktree, java.time.Duration age) {
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

    /**
     * Runs git, again after a short pause when another git process (a {@code git gc}, the user's own
     * commands) holds a lock it needs: such contention clears in moments and is no reason to fail.
     */
    private ExecResult git(Path dir, String... args) {
        ExecResult r = runner.run(spec(dir, args));
        for (int attempt = 1; attempt <= LOCK_RETRIES && contended(r) && pause(attempt); attempt++) {
            r = runner.run(spec(dir, args));
        }
        return r;
    }

    private static boolean contended(ExecResult r) {
        return !r.ok() && LOCK_CONTENTION.matcher(r.stderr()).find();
    }

    /** Waits a little longer each attempt; false when interrupted. */
    private static boolean pause(int attempt) {
        try {
            Thread.sleep(100L << attempt);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ExecResult checked(Path dir, String... args) {
        ExecResult r = git(dir, args);
        if (!r.ok()) {
            throw new ProcessFailedException(r);
        }
        return r;
    }

    private static final int LOCK_RETRIES = 5;
    /**
     * Another git process held a lock, or (a {@code git gc} alongside runs {@code worktree prune})
     * removed the administrative directory of a worktree being added: worth another try.
     */
    private static final java.util.regex.Pattern LOCK_CONTENTION = java.util.regex.Pattern.compile(
            "\\.lock'?: File exists|cannot lock ref|Unable to create '[^']*\\.lock'|could not lock"
                    + "|could not open '[^']*worktrees/[^']*' for writing");

    private ProcessSpec spec(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        return ProcessSpec.of(argv).withEnv(QUIET_ENV).withTimeout(timeout);
    }
}
