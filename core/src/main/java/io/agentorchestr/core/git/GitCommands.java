package io.agentorchestr.core.git;

import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessFailedException;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The git CLI as {@link LocalGit} runs it: quiet (never prompting or paging), in C locale, with a
 * time limit on every command, and again after a short pause when another git process holds a lock.
 */
final class GitCommands {
    /** Keep git from prompting or paging: we are never on its terminal. */
    private static final Map<String, String> QUIET_ENV = Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_PAGER", "cat",
            "LC_ALL", "C");
    private static final int LOCK_RETRIES = 5;
    /**
     * Another git process held a lock, or (a {@code git gc} alongside runs {@code worktree prune})
     * removed the administrative directory of a worktree being added: worth another try.
     */
    private static final Pattern LOCK_CONTENTION = Pattern.compile(
            "\\.lock'?: File exists|cannot lock ref|Unable to create '[^']*\\.lock'|could not lock"
                    + "|could not open '[^']*worktrees/[^']*' for writing");

    private final ProcessRunner runner;
    private final Duration timeout;

    GitCommands(ProcessRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    /**
     * Runs git, again after a short pause when another git process (a {@code git gc}, the user's own
     * commands) holds a lock it needs: such contention clears in moments and is no reason to fail.
     */
    ExecResult run(Path dir, String... args) {
        ExecResult r = once(dir, args);
        for (int attempt = 1; worthRetrying(r, attempt); attempt++) {
            r = once(dir, args);
        }
        return r;
    }

    /** {@link #run}, failing when git does. */
    ExecResult checked(Path dir, String... args) {
        ExecResult r = run(dir, args);
        if (!r.ok()) {
            throw new ProcessFailedException(r);
        }
        return r;
    }

    /** How long each git command may take. */
    Duration timeout() {
        return timeout;
    }

    /** Runs git once, whatever it says. */
    ExecResult once(Path dir, String... args) {
        return runner.run(spec(dir, args));
    }

    /** Runs git once at the lowest CPU priority (work made ahead of need yields to the agents). */
    ExecResult niced(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("nice", "-n", "19"));
        argv.addAll(spec(dir, args).argv());
        return runner.run(ProcessSpec.of(argv).withEnv(QUIET_ENV).withTimeout(timeout));
    }

    /** Whether {@code r} failed on another git's lock and attempt {@code attempt} may follow (after a pause). */
    boolean worthRetrying(ExecResult r, int attempt) {
        return attempt <= LOCK_RETRIES && contended(r) && pause(attempt);
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

    private ProcessSpec spec(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        return ProcessSpec.of(argv).withEnv(QUIET_ENV).withTimeout(timeout);
    }
}
