package io.agentorchestr.core.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An external process to run: argv (never a shell string), working directory, extra environment,
 * bytes for stdin and a timeout, and whether what it leaves running is stopped when it exits. Every
 * call has a timeout.
 */
public record ProcessSpec(List<String> argv, Path workDir, Map<String, String> env, byte[] stdin,
                          Duration timeout, boolean reapStrays) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ProcessSpec {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        stdin = stdin == null ? new byte[0] : stdin.clone();
    }

    public static ProcessSpec of(List<String> argv) {
        return new ProcessSpec(argv, null, Map.of(), null, DEFAULT_TIMEOUT, false);
    }

    public static ProcessSpec of(String... argv) {
        return of(List.of(argv));
    }

    public ProcessSpec in(Path dir) {
        return new ProcessSpec(argv, dir, env, stdin, timeout, reapStrays);
    }

    public ProcessSpec withEnv(Map<String, String> extra) {
        return new ProcessSpec(argv, workDir, extra, stdin, timeout, reapStrays);
    }

    public ProcessSpec withStdin(byte[] bytes) {
        return new ProcessSpec(argv, workDir, env, bytes, timeout, reapStrays);
    }

    public ProcessSpec withTimeout(Duration t) {
        return new ProcessSpec(argv, workDir, env, stdin, t, reapStrays);
    }

    /**
     * Whatever the process started and left running when it exited (a {@code cmd &} in a hook's
     * script) is stopped too: a hook's processes end with the hook, not with the machine.
     */
    public ProcessSpec reapingStrays() {
        return new ProcessSpec(argv, workDir, env, stdin, timeout, true);
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }
}
