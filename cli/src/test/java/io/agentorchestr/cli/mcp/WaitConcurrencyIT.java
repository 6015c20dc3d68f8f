package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.agent.McpAccess;
import io.agentorchestr.core.testing.Poll;
import io.modelcontextprotocol.client.McpSyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.agentorchestr.cli.mcp.LiveSession.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hundreds of waits hold no server thread: with 200 waits pending, plus cancelled and abandoned ones,
 * list_workers and a worker's report_done still answer at once; cancelled and abandoned waits are
 * forgotten; the pending ones all answer when the worker ends. Latencies are printed and asserted only
 * generously (a shared machine is noisy).
 */
@Timeout(240)
class WaitConcurrencyIT {
    private static final int WAITS = 200;
    private static final int CANCELLED = 20;
    private static final int ABANDONED = 20;

    @TempDir
    Path dir;

    @Test
    void twoHundredWaitsCancelledAndAbandonedOnesLeaveTheServerResponsive() throws Exception {
        try (LiveSession session = new LiveSession(dir)) {
            String[] endpoint = session.leadEndpoint();
            McpSyncClient lead = LiveSession.client(endpoint[0], endpoint[1]);
            McpToolServer server = (McpToolServer) session.started.server();
            assertFalse(call(lead, "spawn_worker", Map.of("task", "stay [demo:ignore]")).isError());

            RawMcp raw = new RawMcp(endpoint[0], endpoint[1]).initialize();
            List<CompletableFuture<RawMcp.Reply>> waits = new ArrayList<>();
            for (int i = 0; i < WAITS + CANCELLED; i++) {
                waits.add(raw.postAsync(RawMcp.call("wait-" + i, "wait_for_any", "{\"timeout_s\":600}")));
                // In batches: a pending wait holds no thread, but a starved machine (CI, two test forks)
                // could still run more than the handler pool's 32 arrivals at once.
                if (i % 20 == 19) {
                    awaitPending(server, i + 1, waits, lead);
                }
            }
            List<Socket> abandoned = new ArrayList<>();
            for (int i = 0; i < ABANDONED; i++) {
                abandoned.add(abandonedWait(raw, endpoint[1], i));
            }
            awaitPending(server, WAITS + CANCELLED + ABANDONED, waits, lead);
            for (int i = WAITS; i < WAITS + CANCELLED; i++) {
                raw.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":"
                        + "\"wait-" + i + "\",\"reason\":\"changed my mind\"}}");
            }
            for (Socket s : abandoned) {
                s.close();
            }

            long[] list = new long[20];
            for (int i = 0; i < list.length; i++) {
                long t = System.nanoTime();
                assertFalse(call(lead, "list_workers", Map.of()).isError());
                list[i] = System.nanoTime() - t;
            }
            Arrays.sort(list);
            System.out.printf("list_workers with %d waits pending: p50=%.2f ms max=%.2f ms%n", WAITS,
                    list[list.length / 2] / 1e6, list[list.length - 1] / 1e6);
            assertTrue(list[list.length - 1] < TimeUnit.SECONDS.toNanos(5), "list_workers answers promptly");

            Poll.until("cancelled and abandoned waits to be forgotten", Duration.ofSeconds(30),
                    () -> server.callsInFlight() == WAITS);

            McpAccess access = server.workerAccess("w01");
            McpSyncClient worker = LiveSession.client(access.url(), "Bearer " + access.token());
            long t = System.nanoTime();
            JsonNode done = LiveSession.json(call(worker, "report_done", Map.of("state", "done", "summary", "ok")));
            long reportNanos = System.nanoTime() - t;
            System.out.printf("report_done with %d waits pending: %.2f ms%n", WAITS, reportNanos / 1e6);
            assertEquals("done", done.get("state").asText());
            assertTrue(reportNanos < TimeUnit.SECONDS.toNanos(5), "report_done answers promptly");

            int finished = 0;
            for (int i = 0; i < WAITS; i++) {
                JsonNode result = waits.get(i).get(30, TimeUnit.SECONDS).message().path("result");
                assertFalse(result.path("isError").asBoolean(), result.toString());
                finished += result.path("structuredContent").path("finished").size();
            }
            assertEquals(1, finished, "w01 is handed out once, the other waits end empty");
            for (int i = WAITS; i < WAITS + CANCELLED; i++) {
                RawMcp.Reply r = waits.get(i).get(30, TimeUnit.SECONDS);
                assertFalse(r.body().contains("\"result\""), "a cancelled call gets no result: " + r.body());
            }
            assertEquals(0, server.callsInFlight());
            worker.closeGracefully();
            lead.closeGracefully();
        }
    }

    /** Until {@code n} calls are in flight; else fails with what the waits that ended answered. */
    private static void awaitPending(McpToolServer server, int n, List<CompletableFuture<RawMcp.Reply>> waits,
                                     McpSyncClient lead) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (server.callsInFlight() < n) {
            if (System.nanoTime() > deadline) {
                String ended = waits.stream().filter(CompletableFuture::isDone).limit(3)
                        .map(f -> f.join().body()).toList().toString();
                throw new AssertionError(server.callsInFlight() + " calls in flight, not " + n + "; waits that "
                        + "ended answered: " + ended + "; workers: " + LiveSession.text(call(lead, "list_workers",
                        Map.of())));
            }
            Thread.sleep(20);
        }
    }

    /** A wait whose client then disappears without a word: a raw socket that will be closed. */
    private static Socket abandonedWait(RawMcp raw, String authorization, int i) throws Exception {
        URI url = raw.url();
        String body = RawMcp.call("gone-" + i, "wait_for_any", "{\"timeout_s\":600}");
        Socket socket = new Socket("127.0.0.1", url.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + url.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1:" + url.getPort() + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Authorization: " + authorization + "\r\nMcp-Session-Id: " + raw.sessionId() + "\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }
}
