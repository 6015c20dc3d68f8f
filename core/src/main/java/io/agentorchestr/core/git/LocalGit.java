package io.agentorchestr.core.git;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessFailedException;
import io.agentorchestr.core.process.ProcessRunner;

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
    private final GitCommands commands;
    private final UnfinishedOperations unfinished;
    private final JGitContent content = new JGitContent();
    /** A directory's top level and common dir never change while we run; every spawn asks for them. */
    private final Map<Path, Path> topLevels = new ConcurrentHashMap<>();
    private final Map<Path, Path> commonDirs = new ConcurrentHashMap<>();

    public LocalGit(ProcessRunner runner) {
        this(runner, TIMEOUT);
    }

    /** With another limit for each git command (tests of a hanging git hook). */
    public LocalGit(ProcessRunner runner, Duration timeout) {
        this.commands = new GitCommands(runner, timeout);
        this.unfinished = new UnfinishedOperations(commands);
    }

    private ExecResult git(Path dir, String... args) {
        return commands.run(dir, args);
    }

    private ExecResult checked(Path dir, String... args) {
        return commands.checked(dir, args);
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
        ExecResult r = commands.once(repo, "worktree", "add", "--quiet", "-b", branch, worktree.toString(),
                startCommit);
        for (int attempt = 1; commands.worthRetrying(r, attempt); attempt++) {
            // A lock failure can come after the branch was made (git removes the half-made worktree
            // itself), so a retry checks the existing branch out instead of creating it again.
            commands.once(repo, "worktree", "prune");
            r = branchExists(repo, branch) && !Files.exists(worktree)
                    ? commands.once(repo, "worktree", "add", "--quiet", worktree.toString(), branch)
                    : commands.once(repo, "worktree", "add", "--quiet", "-b", branch, worktree.toString(),
                    startCommit);
        }
        if (!r.ok()) {
            throw new ProcessFailedException(r);
        }
    }

    @Override
    public void addDetachedWorktree(Path repo, Path worktree, String commit) {
        // Made ahead of need, while agents start: at the lowest CPU priority, so they come first.
        ExecResult r = commands.niced(repo, "worktree", "add", "--quiet", "--detach", worktree.toString(), commit);
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
    public void checkoutNewBranch(Path worktree, String branch, String commit) {
        checked(worktree, "checkout", "--quiet", "-b", branch, commit);
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
            return new MergeAttempt(false, null, List.of(), "git merge did not finish within " + commands.timeout().toSeconds()
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

    @Override
    public Optional<String> operationInProgress(Path worktree) {
        return unfinished.operationInProgress(worktree);
    }

    @Override
    public boolean abortUnfinishedMerge(Path worktree) {
        return unfinished.abortUnfinishedMerge(worktree);
    }

    @Override
    public boolean removeStaleIndexLock(Path worktree, Duration age) {
        return unfinished.removeStaleIndexLock(worktree, age);
    }
}
