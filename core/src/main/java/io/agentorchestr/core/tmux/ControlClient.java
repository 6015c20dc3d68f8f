package io.agentorchestr.core.tmux;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One tmux control-mode client ({@code tmux -C attach-session}): commands are written to its stdin
 * as command lines, and their replies come back in order as {@code %begin}/{@code %end} (or
 * {@code %error}) blocks. One long-lived process replaces a tmux client process per command.
 * Notifications outside reply blocks go to a listener, and its exit is told to it as {@code %exit}.
 * Flags are set on attach ({@code ignore-size}: our sessions keep their size; {@code no-output}): set
 * later, they have been seen to wedge every reply in tmux 3.3a.
 */
final class ControlClient implements AutoCloseable {
    /** A reply: its lines (UTF-8 decoded) and whether tmux answered with {@code %error}. */
    record Reply(List<String> lines, boolean error) {
        String text() {
            return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        }
    }

    private final Process process;
    private final OutputStream stdin;
    private final Queue<CompletableFuture<Reply>> pending = new ConcurrentLinkedQueue<>();
    private final Object writeLock = new Object();
    private final Consumer<String> notifications;
    private volatile boolean closed;

    private ControlClient(Process process, Consumer<String> notifications) {
        this.process = process;
        this.notifications = notifications;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(this::readReplies, "tmux-control-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Attaches a control client to {@code session} of the server named by {@code serverArgv}. */
    static ControlClient attach(List<String> serverArgv, String session, Consumer<String> notifications)
            throws IOException {
        List<String> argv = new ArrayList<>(serverArgv);
        argv.addAll(List.of("-C", "attach-session", "-t", "=" + session, "-f", "ignore-size,no-output"));
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new ControlClient(p, notifications);
    }

    boolean alive() {
        return !closed && process.isAlive();
    }

    /**
     * Runs one command; its reply, or an {@link IOException} when the client is gone (the session or
     * the server ended) or tmux did not answer within {@code timeout}.
     */
    Reply run(List<String> args, Duration timeout) throws IOException {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        synchronized (writeLock) {
            if (!alive()) {
                throw new IOException("the tmux control client has exited");
            }
            // Queued before it is written: the reader matches replies to commands in order.
            pending.add(reply);
            stdin.write((ControlCommandLine.of(args) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            // Its reply would be taken for the next command's: this client can no longer be trusted.
            close();
            throw new IOException("tmux did not answer `" + args.get(0) + "` within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for tmux", e);
        }
    }

    private void readReplies() {
        try (InputStream in = new BufferedInputStream(process.getInputStream())) {
            ControlReplies replies = new ControlReplies(notifications);
            String line;
            while ((line = readLine(in)) != null) {
                Reply done = replies.accept(line);
                if (done != null) {
                    CompletableFuture<Reply> waiting = pending.poll();
                    if (waiting != null) {
                        waiting.complete(done);
                    }
                }
                if (replies.exited()) {
                    break;
                }
            }
        } catch (IOException e) {
            // The stream broke: treated as the client's exit below.
        } finally {
            closed = true;
            failPending();
            notifications.accept("%exit");
        }
    }

    /** A line as bytes (tmux writes raw bytes), decoded as UTF-8; null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private void failPending() {
        CompletableFuture<Reply> f;
        while ((f = pending.poll()) != null) {
            f.completeExceptionally(new IOException("the tmux control client exited (session or server gone)"));
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failPending();
    }
}
