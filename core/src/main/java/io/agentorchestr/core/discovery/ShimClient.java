package io.agentorchestr.core.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentorchestr.core.error.AgentorchestrException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a shimmed agent through its shim's JSON-RPC socket: one connection per call, one request, one
 * answer line. Every call has a deadline (a wait's own timeout plus a margin): a shim that stops
 * answering costs its caller that long, never more.
 */
public final class ShimClient implements AgentDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Closes a call's channel at its deadline; the blocked read then fails. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shim-client-deadlines");
        t.setDaemon(true);
        return t;
    });
    private static final AtomicLong IDS = new AtomicLong();

    private final Path socket;

    public ShimClient(Path socket) {
        this.socket = socket;
    }

    @Override
    public Sent send(String text, boolean submit) {
        JsonNode r = call(ShimProtocol.SEND, JSON.createObjectNode().put("text", text).put("submit", submit), CALL_TIMEOUT);
        return new Sent(r.path("sent").asInt(), r.path("submitted").asBoolean());
    }

    @Override
    public Chunk read(long cursor, int maxBytes) {
        JsonNode r = call(ShimProtocol.READ, JSON.createObjectNode().put("cursor", cursor).put("max_bytes", maxBytes),
                CALL_TIMEOUT);
        return new Chunk(r.path("text").asText(), r.path("cursor").asLong(), r.path("more").asBoolean(), null);
    }

    @Override
    public Idle waitIdle(Duration timeout) {
        JsonNode r = call(ShimProtocol.WAIT_IDLE, JSON.createObjectNode().put("timeout_s", timeout.toSeconds()),
                timeout.plus(CALL_TIMEOUT));
        return new Idle(r.path("idle").asBoolean(), r.path("state").asText(), r.path("waited_ms").asLong(),
                r.hasNonNull("exit_status") ? r.get("exit_status").asInt() : null);
    }

    JsonNode call(String method, ObjectNode params, Duration timeout) {
        long id = IDS.incrementAndGet();
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", params);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> closeQuietly(ch), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                OutputStream out = Channels.newOutputStream(ch);
                out.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line = readLine(new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                        StandardCharsets.UTF_8)));
                return result(method, JSON.readTree(line));
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException e) {
            throw AgentorchestrException.error("the shim at " + socket + " did not answer " + method + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "); it may have "
                    + "exited: discover again", e);
        }
    }

    private JsonNode result(String method, JsonNode answer) {
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            throw AgentorchestrException.usage("the shim refused " + method + ": " + error.path("message").asText());
        }
        JsonNode result = answer.get("result");
        if (result == null) {
            throw AgentorchestrException.error("the shim at " + socket + " answered " + method + " without a result");
        }
        return result;
    }

    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (line.length() >= ShimProtocol.MAX_ANSWER_CHARS) {
                throw new IOException("the answer is longer than " + ShimProtocol.MAX_ANSWER_CHARS + " characters");
            }
            line.append((char) c);
        }
        if (c < 0 && line.length() == 0) {
            throw new IOException("the connection closed without an answer");
        }
        return line.toString();
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // the call fails with its own error
        }
    }
}
