package io.agentorchestr.shim;

import io.agentorchestr.core.rpc.RpcError;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shim's JSON-RPC server on a real Unix socket. */
@Timeout(60)
class ShimRpcServerIT {
    @TempDir
    Path dir;
    private final CountDownLatch slowMayAnswer = new CountDownLatch(1);
    private ShimRpcServer server;
    private Path socket;

    @BeforeEach
    void setUp() {
        socket = dir.resolve("agent.sock");
        server = ShimRpcServer.serve(socket, methods());
    }

    /** echo, and slow: it answers once the test opens {@link #slowMayAnswer}. */
    private JsonRpc methods() {
        return new JsonRpc(Map.<String, Function<JsonNode, JsonNode>>of(
                "echo", p -> p,
                "slow", p -> {
                    try {
                        slowMayAnswer.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return JsonRpc.JSON.createObjectNode().put("slow", true);
                }));
    }

    @AfterEach
    void tearDown() {
        slowMayAnswer.countDown();
        server.close();
    }

    private static final class Client implements AutoCloseable {
        final SocketChannel channel;
        final BufferedReader in;
        final OutputStream out;

        Client(Path socket) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            out = Channels.newOutputStream(channel);
        }

        JsonNode call(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            String reply = in.readLine();
            return reply == null ? null : JsonRpc.JSON.readTree(reply);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Test
    void theSocketIsTheOwnersOnlyAndAnswersOneLinePerRequest() throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        try (Client c = new Client(socket)) {
            assertEquals(1, c.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"n\":1}}")
                    .get("result").get("n").asInt());
            assertEquals(RpcError.PARSE_ERROR, c.call("nonsense").get("error").get("code").asInt());
            assertEquals(2, c.call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":{\"n\":2}}")
                    .get("result").get("n").asInt(), "a bad request does not end the connection");
        }
    }

    @Test
    void aSlowCallHoldsUpNoOtherClient() throws Exception {
        try (Client slow = new Client(socket); Client quick = new Client(socket)) {
            CompletableFuture<JsonNode> pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return slow.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"slow\"}");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            JsonNode r = quick.call("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"echo\",\"params\":{\"ok\":true}}");
            assertTrue(r.get("result").get("ok").asBoolean());
            assertFalse(pending.isDone(), "the slow call is still waiting while the quick one was answered");
            slowMayAnswer.countDown();
            assertTrue(pending.get(30, TimeUnit.SECONDS).get("result").get("slow").asBoolean());
        }
    }

    @Test
    void idleConnectionsAreClosedSoTheyCannotLockOthersOutButALongCallIsNotIdle() throws Exception {
        server.close();
        server = ShimRpcServer.serve(socket, methods(), java.time.Duration.ofMillis(500));
        java.util.List<Client> idle = new java.util.ArrayList<>();
        try (Client busy = new Client(socket)) {
            CompletableFuture<JsonNode> pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return busy.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"slow\"}");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < ShimRpcServer.MAX_CLIENTS - 1; i++) {
                idle.add(new Client(socket));
            }
            for (Client c : idle) {
                assertNull(c.in.readLine(), "an idle connection was closed");
            }
            // The idle ones are gone while the slow call still runs: it outlived the idle limit.
            assertFalse(pending.isDone(), "the slow call is still waiting");
            slowMayAnswer.countDown();
            assertTrue(pending.get(30, TimeUnit.SECONDS).get("result").get("slow").asBoolean(),
                    "a call longer than the idle limit is answered");
            try (Client late = new Client(socket)) {
                assertEquals(7, late.call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\",\"params\":{}}")
                        .get("id").asInt(), "a new client is served once the idle ones are gone");
            }
        } finally {
            for (Client c : idle) {
                c.close();
            }
        }
    }

    @Test
    void anOversizedRequestIsRefusedAndTheConnectionClosed() throws IOException {
        try (Client c = new Client(socket)) {
            String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"x\":\""
                    + "a".repeat(ShimRpcServer.MAX_LINE + 10) + "\"}}";
            JsonNode r = c.call(huge);
            assertEquals(RpcError.INVALID_REQUEST, r.get("error").get("code").asInt());
            assertNull(c.in.readLine(), "closed after refusing it");
        }
    }

    @Test
    void anotherUserGetsNoAnswerEvenWhenTheFileModesWouldLetThemIn() throws Exception {
        // Widened on purpose: the peer credentials, not only the 0700 directory and 0600 socket, keep them out.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path probe = dir.resolve("Probe.java");
        Files.writeString(probe, String.join("\n",
                "import java.net.*; import java.nio.*; import java.nio.channels.*;",
                "public class Probe { public static void main(String[] a) throws Exception {",
                "  SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);",
                "  c.connect(UnixDomainSocketAddress.of(a[0]));",
                "  System.out.println(\"connected\");",
                "  ByteBuffer b = ByteBuffer.allocate(4096); int n;",
                "  try {  // a reset or broken pipe: closed unanswered",
                "    c.write(ByteBuffer.wrap(\"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"id\\\":1,\\\"method\\\":\\\"echo\\\"}\\n\".getBytes()));",
                "    n = c.read(b);",
                "  } catch (java.io.IOException e) { n = -1; }",
                "  System.out.println(\"reply:\" + (n > 0 ? new String(b.array(), 0, n) : \"\") + \":end\"); } }", ""));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(OtherUser.command(java, probe.toString(), socket.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(out.contains("connected"), "the widened modes did not let the other user connect: " + out);
        assertTrue(out.contains("reply::end"), "another user was answered: " + out);
    }
}
