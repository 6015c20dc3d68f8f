package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.goal.GoalEnd;
import io.agentorchestr.core.goal.GoalOutcome;
import io.agentorchestr.core.tmux.PaneRef;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.agentorchestr.cli.mcp.LiveSession.call;
import static io.agentorchestr.cli.mcp.LiveSession.json;
import static io.agentorchestr.cli.mcp.LiveSession.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MCP tool surface over the real Streamable HTTP transport, with the SDK's client as the lead. */
@Timeout(180)
class McpServerIT {
    private static final Set<String> LEAD_TOOLS = ToolCatalog.declarations().forRole(ToolRole.LEAD).stream()
            .map(ToolEntry::name).collect(Collectors.toSet());

    @TempDir
    java.nio.file.Path dir;
    private LiveSession session;
    private McpSyncClient lead;

    @BeforeEach
    void start() throws IOException {
        session = new LiveSession(dir);
        String[] endpoint = session.leadEndpoint();
        lead = LiveSession.client(endpoint[0], endpoint[1]);
    }

    @AfterEach
    void stop() {
        lead.closeGracefully();
        session.close();
    }

    @Test
    void theLeadSeesExactlyItsToolsEachDocumentedForAgents() {
        List<McpSchema.Tool> tools = lead.listTools().tools();
        assertEquals(LEAD_TOOLS, tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet()));
        for (McpSchema.Tool t : tools) {
            assertTrue(t.description().length() > 40, t.name() + ": " + t.description());
            assertEquals("object", t.inputSchema().get("type"), t.name());
            ((Map<?, ?>) t.inputSchema().get("properties")).forEach((name, schema) -> assertTrue(
                    String.valueOf(((Map<?, ?>) schema).get("description")).length() > 5, t.name() + "." + name));
        }
        assertEquals(List.of("task"), tools.stream().filter(t -> t.name().equals("spawn_worker")).findFirst()
                .orElseThrow().inputSchema().get("required"));
    }

    @Test
    void aWorkerSpawnedOverMcpIsWaitedForReadDiffedMergedAndVerified() throws Exception {
        JsonNode spawned = json(call(lead, "spawn_worker", Map.of("task", "Write the notes", "request_id", "r1")));
        assertEquals("w01", spawned.get("worker_id").asText());
        assertEquals("w01", json(call(lead, "spawn_worker", Map.of("task", "Write the notes", "request_id", "r1")))
                .get("worker_id").asText(), "same request_id, same worker");
        McpSchema.CallToolResult reused = call(lead, "spawn_worker", Map.of("task", "Other work", "request_id", "r1"));
        assertTrue(reused.isError() && text(reused).startsWith("request_id 'r1' was used for w01 with another task"),
                text(reused));

        JsonNode done = json(call(lead, "wait_for_worker", Map.of("worker_id", "w01", "timeout_s", 60)));
        assertEquals("done", done.get("state").asText(), done.toString());
        assertTrue(text(call(lead, "read_worker_output", Map.of("worker_id", "w01"))).contains("WORKER_DONE:"));
        assertTrue(text(call(lead, "get_worker_diff", Map.of("worker_id", "w01"))).contains("demo/w01.md"));

        JsonNode merged = json(call(lead, "merge_worker", Map.of("worker_id", "w01")));
        assertTrue(merged.get("merged").asBoolean(), merged.toString());
        assertEquals("already merged", json(call(lead, "merge_worker", Map.of("worker_id", "w01")))
                .get("message").asText());
        JsonNode verify = json(call(lead, "verify", Map.of()));
        assertTrue(verify.get("passed").asBoolean());
        assertTrue(verify.get("note").asText().contains("no verify commands configured"));

        java.nio.file.Files.createDirectories(session.repo.resolve(".agentorchestr"));
        java.nio.file.Files.writeString(session.repo.resolve(".agentorchestr/config.toml"),
                "[verify]\ncommands = [\"echo run >> " + dir.resolve("verify-runs") + "\"]\n");
        json(call(lead, "verify", Map.of()));
        json(call(lead, "verify", Map.of()));
        assertEquals(2, java.nio.file.Files.readAllLines(dir.resolve("verify-runs")).size(),
                "every verify runs the commands again");

        JsonNode list = json(call(lead, "list_workers", Map.of()));
        assertEquals(1, list.size());
        assertTrue(list.get(0).get("merged").asBoolean());
    }

    @Test
    void waitForAnyHandsOutEachFinishedWorkerOnce() throws Exception {
        call(lead, "spawn_worker", Map.of("task", "one"));
        call(lead, "spawn_worker", Map.of("task", "two [demo:sleep=1]"));
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) {
            JsonNode r = json(call(lead, "wait_for_any", Map.of("timeout_s", 60)));
            r.get("finished").forEach(w -> assertTrue(seen.add(w.get("worker_id").asText()), "returned twice: " + w));
        }
        assertEquals(Set.of("w01", "w02"), seen);
        JsonNode none = json(call(lead, "wait_for_any", Map.of("timeout_s", 60)));
        assertEquals(0, none.get("finished").size());
        assertEquals(0, none.get("still_running").size());
    }

    @Test
    void messagesReachAWorkersInputAndKillSavesItsWork() throws Exception {
        call(lead, "spawn_worker", Map.of("task", "wait for instructions [demo:ignore]"));
        poll(() -> text(call(lead, "read_worker_output", Map.of("worker_id", "w01"))).contains("demo>"));
        assertEquals("delivered to w01", text(call(lead, "send_to_worker", Map.of("worker_id", "w01",
                "message", "please also add a footer"))));
        poll(() -> text(call(lead, "read_worker_output", Map.of("worker_id", "w01")))
                .contains("demo: received: please also add a footer"));
        JsonNode killed = json(call(lead, "kill_worker", Map.of("worker_id", "w01")));
        assertEquals("killed", killed.get("state").asText());
        McpSchema.CallToolResult send = call(lead, "send_to_worker", Map.of("worker_id", "w01", "message", "x"));
        assertTrue(send.isError());
        assertTrue(text(send).contains("no longer running"), text(send));
    }

    @Test
    void toolErrorsAreMcpErrorsThatNameTheFix() {
        McpSchema.CallToolResult unknown = call(lead, "read_worker_output", Map.of("worker_id", "w99"));
        assertTrue(unknown.isError());
        assertTrue(text(unknown).contains("unknown worker id 'w99'; valid ids: none yet"), text(unknown));
        McpSchema.CallToolResult perspective = call(lead, "spawn_worker", Map.of("task", "x", "perspective", "wizard"));
        assertTrue(perspective.isError());
        assertTrue(text(perspective).contains("use one of implementer, tester, reviewer"), text(perspective));
        McpSchema.CallToolResult missing = call(lead, "merge_worker", Map.of());
        assertTrue(missing.isError());
        assertEquals("merge_worker needs the argument 'worker_id' (string)", text(missing));
    }

    @Test
    void markGoalDoneEndsTheSessionOnceAndEveryCallIsLogged() throws Exception {
        assertFalse(call(lead, "report_progress", Map.of("message", "halfway")).isError());
        assertFalse(call(lead, "mark_goal_done", Map.of("summary", "all good")).isError());
        McpSchema.CallToolResult again = call(lead, "mark_goal_failed", Map.of("reason", "changed my mind"));
        assertTrue(again.isError());
        assertTrue(text(again).contains("already marked done"), text(again));
        GoalOutcome outcome = session.run.await(session.started);
        session.markEnded();
        assertEquals(GoalEnd.Kind.DONE, outcome.end().kind());
        assertEquals("all good", outcome.end().summary());
        assertTrue(session.progress.contains("lead: halfway"), session.progress.toString());
        long logged = session.context.store().events(session.started.session().id()).stream()
                .filter(e -> e.kind().equals("tool_called")).count();
        assertEquals(3, logged);
    }

    @Test
    void workersGetOnlyTheirOwnToolsAndAskLeadReachesTheLeadsInboxAndItsPane() throws Exception {
        call(lead, "spawn_worker", Map.of("task", "idle [demo:ignore]"));
        var access = session.started.server().workerAccess("w01");
        McpSyncClient worker = LiveSession.client(access.url(), "Bearer " + access.token());
        try {
            assertEquals(ToolCatalog.declarations().forRole(ToolRole.WORKER).stream().map(ToolEntry::name)
                    .collect(Collectors.toSet()), worker.listTools().tools().stream()
                    .map(McpSchema.Tool::name).collect(Collectors.toSet()));
            assertFalse(call(worker, "ask_lead", Map.of("question", "tabs or spaces?")).isError());
            PaneRef leadPane = session.started.leadPane();
            // The lead is told once it is at its prompt, and reads the question itself.
            poll(() -> session.context.tmux().capturePane(leadPane, 50).contains("question from w01"));
            JsonNode inbox = json(call(lead, "read_inbox", Map.of()));
            assertEquals("tabs or spaces?", inbox.path("messages").path(0).path("body").asText(), inbox.toString());
            assertEquals("w01", inbox.path("messages").path(0).path("from").asText());
            JsonNode reported = json(call(worker, "report_done", Map.of("state", "blocked", "summary", "need a key")));
            assertEquals("blocked", reported.get("state").asText());
            assertEquals("mcp_report", reported.get("finished_by").asText());
        } finally {
            worker.closeGracefully();
        }
    }

    /**
     * A worker in a loop: a progress report of 20 KB is refused for its size, and past the burst its
     * calls are refused with the time to wait, so neither the store nor the lead's input is flooded.
     */
    @Test
    void aWorkerFloodingItsToolsIsRefusedAndTheStoreBarelyGrows() throws Exception {
        call(lead, "spawn_worker", Map.of("task", "idle [demo:ignore]"));
        var access = session.started.server().workerAccess("w01");
        McpSyncClient worker = LiveSession.client(access.url(), "Bearer " + access.token());
        try {
            McpSchema.CallToolResult big = call(worker, "report_progress", Map.of("message", "x".repeat(20_000)));
            assertTrue(big.isError() && text(big).contains("the limit is 1000"), text(big));
            int refused = 0;
            for (int i = 0; i < 200; i++) {
                McpSchema.CallToolResult r = call(worker, "report_progress", Map.of("message", "step " + i));
                if (r.isError()) {
                    assertTrue(text(r).contains("w01 is calling report_progress too often") && text(r).contains("wait "),
                            text(r));
                    refused++;
                }
            }
            assertTrue(refused >= 150, "most of the flood was refused: " + refused);
            var logged = session.context.store().events(session.started.session().id());
            long events = logged.size();
            System.out.printf("a flood of 201 progress reports (one of 20 KB): %d refused, %d events, %d bytes of "
                    + "event data%n", refused, events, logged.stream().mapToLong(e -> e.data().length()).sum());
            assertTrue(events < 100, "the flood did not reach the store: " + events + " events");
            assertFalse(call(lead, "list_workers", Map.of()).isError(), "the lead is never limited");
        } finally {
            worker.closeGracefully();
        }
    }

    private static void poll(java.util.function.BooleanSupplier condition) {
        io.agentorchestr.core.testing.Poll.until("the condition", java.time.Duration.ofSeconds(30), condition);
    }
}
