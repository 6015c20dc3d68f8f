package io.agentorchestr.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link ProcessRunner}: stdout and stderr are drained by their own threads (a full pipe
 * would otherwise block the child), stdin is fed from a third, and all are joined before returning.
 * On timeout the process and everything it started are destroyed, given a grace period, then killed:
 * a verify command's build tool or a hook's script would otherwise leave its own children (forked test
 * JVMs, a {@code sleep}) running, and writing into the project, after the run has given up on it.
 */
public final class SystemProcessRunner implements ProcessRunner {
    private static final Duration GRACE = Duration.ofSeconds(2);
    /** Bytes kept of each output stream of each child ({@link BoundedOutput}). */
    static final int OUTPUT_LIMIT = 8 * 1024 * 1024;
    /** The environment variable that marks the processes of one run whose strays are reaped. */
    static final String STRAY_MARK = "AGENTORCHESTR_RUN_MARK";

    @Override
    public ExecResult run(ProcessSpec spec) {
        refuseNul(spec);
        ProcessBuilder builder = new ProcessBuilder(spec.argv());
        if (spec.workDir() != null) {
            builder.directory(spec.workDir().toFile());
        }
        builder.environment().putAll(spec.env());
        // A mark only this run's processes carry, found again in /proc once its own process is gone.
        String mark = spec.reapStrays() ? java.util.UUID.randomUUID().toString() : null;
        if (mark != null) {
            builder.environment().put(STRAY_MARK, mark);
        }
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw CommandNotFoundException.isMissing(e) ? new CommandNotFoundException(spec.argv().get(0), e)
                    : new ProcessStartException(spec.argv(), e);
        }
        Drain out = new Drain(process.getInputStream());
        Drain err = new Drain(process.getErrorStream());
        Thread feeder = feed(process.getOutputStream(), spec.stdin());
        boolean timedOut = !waitFor(process, spec.timeout());
        if (timedOut) {
            stopTree(process);
        }
        join(feeder);
        if (mark != null) {
            reap(mark);
        }
        String stdout = out.finish();
        String stderr = err.finish();
        int code = process.isAlive() ? -1 : process.exitValue();
        return new ExecResult(spec.argv(), code, stdout, stderr,
                Duration.ofNanos(System.nanoTime() - start), timedOut);
    }

    /** Stops what the run left behind: SIGTERM, then SIGKILL for what is still there after the grace. */
    private static void reap(String mark) {
        ProcessTable table = new LocalProcessTable();
        List<Long> strays = table.withEnvironment(STRAY_MARK, mark);
        strays.forEach(table::terminate);
        long deadline = System.nanoTime() + GRACE.toNanos();
        List<Long> alive = strays;
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            alive = alive.stream().filter(table::alive).toList();
        }
        alive.forEach(table::kill);
    }

    /**
     * The descendants are listed before the parent goes: once it is dead they belong to init and can
     * no longer be found through it.
     */
    private static void stopTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!waitFor(process, GRACE)) {
            process.destroyForcibly();
            waitFor(process, GRACE);
        }
        tree.removeIf(h -> !h.isAlive());
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * No process argument or environment value can carry a NUL: the OS would cut it there. Java
     * refuses to start such a process with an IOException that reads like a missing program, so the
     * real cause is named here.
     */
    private static void refuseNul(ProcessSpec spec) {
        for (int i = 0; i < spec.argv().size(); i++) {
            if (spec.argv().get(i).indexOf('\0') >= 0) {
                throw new ProcessStartException(spec.argv(), "argument " + i + " contains a NUL character, which no "
                        + "process argument can carry");
            }
        }
        spec.env().forEach((k, v) -> {
            if (k.indexOf('\0') >= 0 || v.indexOf('\0') >= 0) {
                throw new ProcessStartException(spec.argv(), "environment variable " + k.replace('\0', '?')
                        + " contains a NUL character");
            }
        });
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static Thread feed(OutputStream stdin, byte[] bytes) {
        Thread t = new Thread(() -> {
            try (stdin) {
                stdin.write(bytes);
            } catch (IOException ignored) {
                // The child closed its stdin early (exited); its exit status tells the story.
            }
        }, "process-stdin");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one stream to its end on a daemon thread. */
    private static final class Drain {
        private final BoundedOutput buffer = new BoundedOutput(OUTPUT_LIMIT);
        private final Thread thread;

        Drain(InputStream in) {
            thread = new Thread(() -> {
                try (in) {
                    in.transferTo(buffer);
                } catch (IOException e) {
                    // The pipe was closed under the read (a process stopped at its timeout, the JVM
                    // exiting): what was read is the output. Thrown, it was a stack trace on stderr.
                }
            }, "process-drain");
            thread.setDaemon(true);
            thread.start();
        }

        String finish() {
            // A grandchild that inherited the pipe can keep it open past the timeout; do not hang on it.
            join(thread);
            return buffer.text();
        }
    }
}
