package io.agentorchestr.core.git;

import java.util.regex.Pattern;

/**
 * Files a crashing program leaves in its working directory, which for an agent is its worktree: the
 * JVM's fatal error and compiler replay logs and heap dumps, and numbered core dumps. They are never
 * part of a worker's work, so agentorchestr's own commits leave them out (they stay on disk to read).
 */
public final class CrashFiles {
    private static final Pattern NAME = Pattern.compile(
            "hs_err_pid\\d+\\.log|replay_pid\\d+\\.log|java_pid\\d+\\.hprof|core\\.\\d+");

    private CrashFiles() {
    }

    /** Whether the file at {@code path} (slash-separated, relative or not) is a crash file by its name. */
    public static boolean is(String path) {
        return NAME.matcher(path.substring(path.lastIndexOf('/') + 1)).matches();
    }
}
