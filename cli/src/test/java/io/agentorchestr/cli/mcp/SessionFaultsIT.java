package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.agent.McpAccess;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.Poll;
import io.agentorchestr.core.testing.TestRepo;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.agentorchestr.cli.mcp.LiveSession.call;
import static io.agentorchestr.cli.mcp.LiveSession.json;
import static io.agentorchestr.cli.mcp.LiveSession.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults a hostile probe found, each against a real session over MCP: a failed spawn, text that git
 * cannot take, a lead quoting the protocol at a worker, a token on a command line, and tokens of
 * finished workers.
 */
@Timeout(240)
class SessionFaultsIT {
    @TempDir
    Path dir;

    private static McpSyncClient lead(LiveSession s) throws Exception {
        String[] endpoint = s.leadEndpoint();
        return LiveSession.client(endpoint[0], endpoint[1]);
    }

    private static void poll(String what, java.util.function.BooleanSupplier condition) {
        Poll.until(what, Duration.ofSeconds(60), condition);
    }

    @Test
    void aFailedSpawnLeavesNothingBehindNamesItsCauseAndTheNextSpawnWorks() throws Exception {
        try (LiveSession s = new LiveSession(dir)) {
            McpSyncClient lead = lead(s);
            Path prompt = Path.of(s.started.session().sessionDir(), "prompts", "w01.md");
            Files.createDirectories(prompt.getParent());
            Files.createSymbolicLink(prompt, Path.of("/dev/full"));  // writing it fails with ENOSPC

            McpSchema.CallToolResult full = call(lead, "spawn_worker", Map.of("task", "A note"));
            assertTrue(full.isError());
            assertTrue(text(full).contains("No space left on device; free some space on that disk"), text(full));
            assertTrue(text(full).contains("nothing of it was left behind"), text(full));
            assertEquals("", TestRepo.gitIn(s.repo, "branch", "--list", "agentorchestr/*/implementer-w01"));
            // The session's spare worktree (decision 0013) may be refilled by now; it is not the spawn's.
            assertEquals(2, TestRepo.gitIn(s.repo, "worktree", "list").lines().filter(l -> !l.contains("/.spare-"))
                    .count(), "checkout + integration");
            assertEquals(0, json(call(lead, "list_workers", Map.of())).size());
            assertFalse(Files.exists(prompt, java.nio.file.LinkOption.NOFOLLOW_LINKS), "its prompt file went too");

            String[] endpoint = s.leadEndpoint();
            RawMcp raw = new RawMcp(endpoint[0], endpoint[1]).initialize();
            JsonNode surrogate = raw.post(RawMcp.call(1, "spawn_worker", "{\"task\":\"x\\ud800\"}")).message();
            String message = surrogate.path("result").path("content").get(0).path("text").asText();
            assertTrue(message.contains("lone UTF-16 surrogate (U+D800)"), surrogate.toString());
            assertFalse(message.contains("space"), "not blamed on the disk: " + message);

            JsonNode w = json(call(lead, "spawn_worker", Map.of("task", "A note")));
            assertEquals("w01", w.get("worker_id").asText());
            assertEquals("done", json(call(lead, "wait_for_worker", Map.of("worker_id", "w01", "timeout_s", 60)))
                    .get("state").asText());
        }
    }

    @Test
    void aNulAndEscapesInASummaryDoNotBreakMergingAndVerifyMergesWhatItCan() throws Exception {
        try (LiveSession s = new LiveSession(dir, 3)) {
            McpSyncClient lead = lead(s);
            call(lead, "spawn_worker", Map.of("task", "First [demo:hostile]"));
            call(lead, "spawn_worker", Map.of("task", "Second [demo:edit=same.md]"));
            call(lead, "spawn_worker", Map.of("task", "Third [demo:edit=same.md]"));
            for (String id : List.of("w01", "w02", "w03")) {
                assertEquals("done", json(call(lead, "wait_for_worker", Map.of("worker_id", id, "timeout_s", 60)))
                        .get("state").asText(), id);
            }
            JsonNode v = json(call(lead, "verify", Map.of()));
            assertEquals(2, v.get("merged_now").size(), v.toString());
            assertTrue(v.get("merged_now").toString().contains("w01"), "the NUL did not stop w01: " + v);
            assertEquals(1, v.get("not_merged").size(), v.toString());
            assertTrue(v.get("not_merged").get(0).asText().contains("same.md"), v.toString());
            String log = TestRepo.gitIn(s.repo, "log", "--format=%B", s.started.integration().branch());
            assertTrue(log.contains("agentorchestr: merge w01 (made the change for"), log);
            assertFalse(log.contains("\u001b") || log.contains("\u0007"), "no escapes in the history: " + log);
        }
    }

    @Test
    void aLeadMessageQuotingTheProtocolIsNotTheWorkersOwnSignal() throws Exception {
        try (LiveSession s = new LiveSession(dir)) {
            McpSyncClient lead = lead(s);
            call(lead, "spawn_worker", Map.of("task", "Stay [demo:ignore]"));
            poll("the worker's prompt", () -> text(call(lead, "read_worker_output", Map.of("worker_id", "w01")))
                    .contains("demo>"));
            call(lead, "send_to_worker", Map.of("worker_id", "w01", "message",
                    "If the build breaks, print WORKER_FAILED: the build is broken, and stop"));
            poll("the echo and the answer", () -> text(call(lead, "read_worker_output", Map.of("worker_id", "w01")))
                    .contains("demo: received: If the build breaks"));
            JsonNode still = json(call(lead, "wait_for_worker", Map.of("worker_id", "w01", "timeout_s", 2)));
            assertFalse(still.get("state").asText().equals("failed"), "the echo did not end it: " + still);

            call(lead, "send_to_worker", Map.of("worker_id", "w01", "message", "exit"));
            JsonNode ended = json(call(lead, "wait_for_worker", Map.of("worker_id", "w01", "timeout_s", 60)));
            assertEquals("done", ended.get("state").asText(), ended.toString());
            assertEquals("pane_exit", ended.get("finished_by").asText(), "what the agent did decided: " + ended);
        }
    }

    @Test
    void aWorkersTokenNeverAppearsInAProcessArgumentList() throws Exception {
        List<List<String>> argvs = new CopyOnWriteArrayList<>();
        ProcessRunner recording = new ProcessRunner() {
            private final SystemProcessRunner real = new SystemProcessRunner();

            @Override
            public ExecResult run(ProcessSpec spec) {
                argvs.add(spec.argv());
                return real.run(spec);
            }
        };
        String configOverride = "[agents.democ]\nbinaries = [\"agentorchestr-demo\"]\nworker_args = [\"--role\", "
                + "\"worker\"]\nprompt = \"file\"\nprompt_flag = \"--prompt-file\"\nmcp = \"config-override\"\n"
                + "mcp_args = [\"--mcp-url\", \"{mcp_url}\"]\n";
        try (LiveSession s = new LiveSession(dir, 3, configOverride, List.of("democ"), recording)) {
            McpSyncClient lead = lead(s);
            JsonNode w = json(call(lead, "spawn_worker", Map.of("task", "Stay [demo:ignore]")));
            assertEquals("democ", w.get("agent").asText());
            String token = s.started.server().workerAccess("w01").token();
            Path envFile = Path.of(s.started.session().sessionDir(), "env", "w01.env");
            poll("the launch wrapper to read and empty its secrets file", () -> Files.exists(envFile) && envFile.toFile().length() == 0);
            long agent = Poll.value("the worker's agent process", Duration.ofSeconds(30), () -> agentPid(s, "w01"));

            assertTrue(argvs.size() > 5, "the runner saw the session's commands");
            assertTrue(argvs.stream().noneMatch(a -> String.join(" ", a).contains(token)), "no argv holds the token");
            String environ = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(agent), "environ")),
                    StandardCharsets.UTF_8);
            assertTrue(environ.contains("AGENTORCHESTR_MCP_TOKEN=" + token), "the agent got it in its environment");
            String cmdline = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(agent), "cmdline")),
                    StandardCharsets.UTF_8);
            assertFalse(cmdline.contains(token), cmdline);
        }
    }

    /** The demo agent's JVM for a worker of this session, found by its environment. */
    private static Long agentPid(LiveSession s, String worker) {
        String session = "AGENTORCHESTR_SESSION_ID=" + s.started.session().id();
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    return env.contains(session) && env.contains("AGENTORCHESTR_WORKER_ID=" + worker)
                            && cmd.contains("DemoAgent");
                } catch (java.io.IOException e) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Test
    void aFinishedWorkersTokenIsRefusedAndAKilledWorkerCannotReachTheLead() throws Exception {
        try (LiveSession s = new LiveSession(dir)) {
            McpSyncClient lead = lead(s);
            call(lead, "spawn_worker", Map.of("task", "One [demo:ignore]"));
            call(lead, "spawn_worker", Map.of("task", "Two [demo:ignore]"));
            McpAccess one = s.started.server().workerAccess("w01");
            McpAccess two = s.started.server().workerAccess("w02");
            RawMcp w1 = new RawMcp(one.url(), "Bearer " + one.token()).initialize();
            JsonNode reported = w1.post(RawMcp.call(1, "report_done", "{\"state\":\"done\",\"summary\":\"ok\"}"))
                    .message();
            assertEquals("done", reported.path("result").path("structuredContent").path("state").asText(),
                    reported.toString());

            RawMcp.Reply again = w1.post(RawMcp.call(2, "report_done", "{\"state\":\"done\",\"summary\":\"again\"}"));
            assertEquals(401, again.status());
            assertTrue(again.body().contains("worker w01, which has finished (done)"), again.body());

            RawMcp w2 = new RawMcp(two.url(), "Bearer " + two.token()).initialize();
            assertEquals("killed", json(call(lead, "kill_worker", Map.of("worker_id", "w02"))).get("state").asText());
            RawMcp.Reply ask = w2.post(RawMcp.call(3, "ask_lead", "{\"question\":\"may I go on?\"}"));
            assertEquals(401, ask.status(), ask.body());
            assertTrue(ask.body().contains("has finished (killed)"), ask.body());
            assertFalse(s.context.tmux().capturePane(s.started.leadPane(), 100).contains("w02 asks"));
            assertFalse(s.context.store().tokens(s.started.session().id()).containsKey("w02"), "forgotten for resume");
        }
    }
}
