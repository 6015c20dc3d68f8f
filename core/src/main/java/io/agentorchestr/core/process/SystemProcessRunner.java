package io.agentorchestr.core.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link ProcessRunner}: stdout and stderr are drained by their own threads (a full pipe
 * would otherwise block the child), stdin is fed from a third, and all are joined before returning.
 * On timeout the process is destroyed, given a grace period, then killed.
 */
public final class SystemProcessRunner implements ProcessRunner {
    private static final Duration GRACE = Duration.ofSeconds(2);

    @Override
    public ExecResult run(ProcessSpec spec) {
        ProcessBuilder builder = new ProcessBuilder(spec.argv());
        if (spec.workDir() != null) {
            builder.directory(spec.workDir().toFile());
        }
        builder.environment().putAll(spec.env());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CommandNotFoundException(spec.argv().get(0), e);
        }
        Drain out = new Drain(process.getInputStream());
        Drain err = new Drain(process.getErrorStream());
        Thread feeder = feed(process.getOutputStream(), spec.stdin());
        boolean timedOut = !waitFor(process, spec.timeout());
        if (timedOut) {
            process.destroy();
            if (!waitFor(process, GRACE)) {
                process.destroyForcibly();
                waitFor(process, GRACE);
            }
        }
        join(feeder);
        String stdout = out.finish();
        String stderr = err.finish();
        int code = process.isAlive() ? -1 : process.exitValue();
        return new ExecResult(spec.argv(), code, stdout, stderr,
                Duration.ofNanos(System.nanoTime() - start), timedOut);
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
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        Drain(InputStream in) {
            thread = new Thread(() -> {
                try (in) {
                    in.transferTo(buffer);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "process-drain");
            thread.setDaemon(true);
            thread.start();
        }

        String finish() {
            // A grandchild that inherited the pipe can keep it open past the timeout; do not hang on it.
            join(thread);
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
