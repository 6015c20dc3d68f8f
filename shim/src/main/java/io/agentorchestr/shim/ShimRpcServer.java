package io.agentorchestr.shim;

import io.agentorchestr.core.rpc.RpcError;
import io.agentorchestr.core.error.AgentorchestrException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Newline-delimited JSON-RPC 2.0 on a Unix socket (0600, in a 0700 directory): each client on a
 * thread of its own, so a slow one (a long {@code wait_idle}) never holds up another; only the user
 * who owns the socket is served (checked with the peer's credentials, not only the file mode).
 */
final class ShimRpcServer implements AutoCloseable {
    /** The longest request line: a {@code send} of a long prompt fits many times over. */
    static final int MAX_LINE = 1 << 20;
    static final int MAX_CLIENTS = 32;
    /**
     * A connection that sends no whole request for this long is closed: 32 idle connections locked
     * every other client out. agentorchestr connects once per call, so it never idles.
     */
    static final Duration IDLE = Duration.ofSeconds(30);
    private final Duration idleLimit;

    private final ServerSocketChannel server;
    private final Path socket;
    private final JsonRpc rpc;
    private final UserPrincipal owner;
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    private final ExecutorService clients = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shim-rpc-client");
        t.setDaemon(true);
        return t;
    });
    /** Closes connections that hold a slot without asking anything. */
    private final ScheduledExecutorService idleTimers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shim-rpc-idle");
        t.setDaemon(true);
        return t;
    });

    private ShimRpcServer(ServerSocketChannel server, Path socket, JsonRpc rpc, UserPrincipal owner,
                          Duration idleLimit) {
        this.idleLimit = idleLimit;
        this.server = server;
        this.socket = socket;
        this.rpc = rpc;
        this.owner = owner;
    }

    static ShimRpcServer serve(Path socket, JsonRpc rpc) {
        return serve(socket, rpc, IDLE);
    }

    static ShimRpcServer serve(Path socket, JsonRpc rpc, Duration idleLimit) {
        try {
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            ShimRpcServer s = new ShimRpcServer(server, socket, rpc, Files.getOwner(socket), idleLimit);
            Thread acceptor = new Thread(s::acceptLoop, "shim-rpc-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return s;
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot serve the shim's socket " + socket + ": " + e.getMessage(), e);
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;  // closed
            }
            if (!sameUser(client)) {
                closeQuietly(client);
            } else if (!slots.tryAcquire()) {
                write(client, JsonRpc.error(null, RpcError.INTERNAL_ERROR, MAX_CLIENTS + " clients are connected, "
                        + "the most this shim serves at once; close one and connect again"));
                closeQuietly(client);
            } else {
                clients.execute(() -> {
                    try {
                        serveClient(client);
                    } finally {
                        slots.release();
                        closeQuietly(client);
                    }
                });
            }
        }
    }

    private boolean sameUser(SocketChannel client) {
        try {
            return client.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().equals(owner);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private ScheduledFuture<?> idleTimer(SocketChannel client) {
        return idleTimers.schedule(() -> closeQuietly(client), idleLimit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void serveClient(SocketChannel client) {
        ScheduledFuture<?> idle = idleTimer(client);
        try {
            InputStream in = Channels.newInputStream(client);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                int start = 0;
                for (int i = 0; i <= n; i++) {
                    if (i < n && buf[i] != '\n') {
                        continue;
                    }
                    line.write(buf, start, i - start);
                    if (line.size() > MAX_LINE) {
                        write(client, JsonRpc.error(null, RpcError.INVALID_REQUEST, "a request line is over "
                                + MAX_LINE + " bytes; send less at once"));
                        return;
                    }
                    if (i < n) {
                        // A request may take long (wait_idle): it is no idleness.
                        idle.cancel(false);
                        respond(client, line.toString(StandardCharsets.UTF_8));
                        line.reset();
                        idle = idleTimer(client);
                    }
                    start = i + 1;
                }
            }
        } catch (IOException e) {
            // The client went away, or was idle too long.
        } finally {
            idle.cancel(false);
        }
    }

    private void respond(SocketChannel client, String request) throws IOException {
        if (request.isBlank()) {
            return;
        }
        Optional<String> response = rpc.handle(request);
        if (response.isPresent()) {
            OutputStream out = Channels.newOutputStream(client);
            out.write((response.get() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static void write(SocketChannel client, String line) {
        try {
            Channels.newOutputStream(client).write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // It went away first.
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // Nothing left to do with it.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // The socket file goes with the cards directory's other leftovers: pruned by discovery.
        }
        clients.shutdownNow();
        idleTimers.shutdownNow();
    }
}
