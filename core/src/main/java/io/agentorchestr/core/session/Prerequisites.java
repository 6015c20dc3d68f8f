package io.agentorchestr.core.session;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.WorktreeStatus;
import io.agentorchestr.core.process.CommandNotFoundException;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.tmux.TmuxVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;

/** Checks what a run needs before anything is created, each failure naming the fix. */
public final class Prerequisites {
    private final ProcessRunner runner;
    private final Tmux tmux;
    private final Git git;

    public Prerequisites(ProcessRunner runner, Tmux tmux, Git git) {
        this.runner = runner;
        this.tmux = tmux;
        this.git = git;
    }

    public TmuxVersion requireTmux() {
        TmuxVersion version;
        try {
            version = tmux.version();
        } catch (CommandNotFoundException e) {
            throw AgentorchestrException.error("tmux is not installed; install tmux " + TmuxVersion.MINIMUM.raw()
                    + " or newer (Debian/Ubuntu: apt-get install tmux; macOS: brew install tmux)");
        }
        if (!version.atLeast(TmuxVersion.MINIMUM)) {
            throw AgentorchestrException.error("tmux " + version.raw() + " is too old; agentorchestr needs tmux "
                    + TmuxVersion.MINIMUM.raw() + " or newer (for new-session -e and paste-buffer -p); upgrade tmux");
        }
        return version;
    }

    public void requireGit() {
        try {
            runner.runChecked(ProcessSpec.of("git", "--version").withTimeout(Duration.ofSeconds(10)));
        } catch (CommandNotFoundException e) {
            throw AgentorchestrException.error("git is not installed; install git (Debian/Ubuntu: apt-get install "
                    + "git; macOS: xcode-select --install)");
        }
    }

    /** The project's work tree root; the project must be a git repository with at least one commit. */
    public Path requireProject(Path project) {
        if (!Files.isDirectory(project)) {
            throw AgentorchestrException.usage("project directory " + project + " does not exist; pass --project "
                    + "with an existing directory");
        }
        if (git.isBare(project)) {
            throw AgentorchestrException.usage(project + " is a bare repository (no working tree); run agentorchestr "
                    + "in a clone of it: git clone " + project + " <dir>, then --project <dir>");
        }
        if (!git.isWorkTree(project)) {
            throw AgentorchestrException.usage(project + " is not a git repository; workers need git worktrees: run "
                    + "`git init && git add -A && git commit -m init` there, or pass --project with a repository");
        }
        if (!"sha1".equals(git.objectFormat(project))) {
            // JGit, which commits workers' leftovers and reads their history, reads SHA-1 repositories only.
            throw AgentorchestrException.usage(project + " is a " + git.objectFormat(project) + " repository; "
                    + "agentorchestr works with SHA-1 repositories only (git's default): use a clone made without "
                    + "--object-format=sha256");
        }
        Path top = git.topLevel(project);
        if (git.resolveCommit(top, "HEAD").isEmpty()) {
            throw AgentorchestrException.usage("the repository " + top + " has no commits yet; make a first commit "
                    + "(workers branch off it)");
        }
        return top;
    }

    /**
     * What the user should know about their checkout before workers start: changes they have not
     * committed, or a merge/rebase in the middle. Workers start from a commit and see neither.
     */
    public List<String> checkoutWarnings(Path repo, String baseCommit) {
        List<String> warnings = new ArrayList<>();
        String base = baseCommit.substring(0, Math.min(10, baseCommit.length()));
        git.operationInProgress(repo).ifPresent(op -> warnings.add("your checkout is in the middle of a " + op
                + "; workers start from commit " + base + " and will not see it: finish or abort it first if they "
                + "should"));
        try {
            long changed = userChanges(git.status(repo));
            if (changed > 0) {
                warnings.add("your checkout has uncommitted changes (" + changed + " file(s)); workers start from "
                        + "commit " + base + " and will not see them: commit them first if they should");
            }
        } catch (RuntimeException e) {
            // a checkout git cannot read is reported by the steps that need it
        }
        return warnings;
    }

    /**
     * Uncommitted paths that are the user's. What is under {@code .agentorchestr/} is left out: we
     * write episodes and notes there ourselves, and the run reads it from this checkout, not from
     * the workers' commit, so its changes never need committing for workers to see them.
     */
    static long userChanges(WorktreeStatus status) {
        String own = ProjectConfig.DIR + "/";
        return java.util.stream.Stream.concat(status.changed().stream(), status.untracked().stream())
                .filter(p -> !p.startsWith(own)).count();
    }

    /** The commit workers start from: {@code base} if given, else HEAD. */
    public String requireBase(Path repo, String base) {
        String ref = base == null || base.isBlank() ? "HEAD" : base;
        return git.resolveCommit(repo, ref).orElseThrow(() -> AgentorchestrException.usage("--base " + ref
                + " does not name a commit in " + repo + "; pass a branch, tag or commit id"));
    }
}
