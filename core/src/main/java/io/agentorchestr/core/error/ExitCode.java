package io.agentorchestr.core.error;

/** The documented process exit codes; the one table every command and test refers to. */
public enum ExitCode {
    /** The run (or command) finished successfully; for a task, the worker reported done. */
    OK(0, "success (task or goal done)"),
    /** An error in the environment or at run time: a tool missing, a file not writable. */
    ERROR(1, "error (environment or runtime; the message says what to fix)"),
    /** The command line or its input is wrong: an unknown agent, an empty task, not a git repo. */
    USAGE(2, "bad usage or bad input"),
    /** The worker or the goal ended failed, blocked or timed out. */
    GOAL_FAILED(3, "task or goal failed, blocked or timed out"),
    /** Interrupted (Ctrl-C); the session is left as it was. */
    INTERRUPTED(4, "interrupted or paused");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
