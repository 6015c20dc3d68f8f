package io.agentorchestr.cli.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.cli.Distribution;
import io.agentorchestr.core.testing.TestRepo;
import io.agentorchestr.cli.claude.FakeAnthropicApi.Step;
import io.agentorchestr.core.text.AnsiText;
import io.agentorchestr.core.process.ExecResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claude Code (npm, pinned) as the lead in its interactive TUI in pane 0, its model replaced by a
 * local scripted Messages API; the workers are demo agents. The test sets only what stands in for
 * the network and for a user who has used Claude Code before; agentorchestr itself writes the MCP
 * config, the folder-trust entries and the session id.
 */
@Timeout(300)
class ClaudeLeadIT {
    private static final String API_KEY = "sk-ant-api03-agentorchestr-fake-key-0123456789abcdefghij";

    @TempDir
    Path dir;
    private Distribution dist;
    private TestRepo project;
    private FakeAnthropicApi api;

    @BeforeEach
    void setUp() throws IOException {
        dist = new Distribution(dir);
        project = TestRepo.create(dir.resolve("project"));
        project.verifyCommands("test -f demo/w01.md");
        api = new FakeAnthropicApi(List.of(
                Step.call("spawn_worker", Map.of("task", "Add a greeting file", "perspective", "implementer")),
                Step.call("wait_for_worker", Map.of("worker_id", "w01", "timeout_s", 120)),
                Step.call("merge_worker", Map.of("worker_id", "w01")),
                Step.call("verify", Map.of()),
                Step.call("mark_goal_done", Map.of("summary", "greeting added, merged and verified")),
                Step.say("The goal is done.")));
        Path npmBin = Path.of(System.getProperty("agentorchestr.npm.bin", "target/npm-tools/node_modules/.bin"))
                .toAbsolutePath();
        assertTrue(Files.isExecutable(npmBin.resolve("claude")), "claude missing in " + npmBin
                + ": Maven installs it before the ITs (npm install)");
        // What a user who has used Claude Code before already has; agentorchestr adds the trust entries.
        String last20 = API_KEY.substring(API_KEY.length() - 20);
        Files.writeString(dist.home().resolve(".claude.json"), "{\"hasCompletedOnboarding\":true,"
                + "\"bypassPermissionsModeAccepted\":true,\"theme\":\"dark\",\"numStartups\":3,"
                + "\"customApiKeyResponses\":{\"approved\":[\"" + last20 + "\"],\"rejected\":[]}}");
        dist.withPath(npmBin + ":" + System.getenv("PATH"))
                .withEnv("ANTHROPIC_BASE_URL", api.baseUrl())
                .withEnv("ANTHROPIC_API_KEY", API_KEY)
                .withEnv("IS_SANDBOX", "1")
                .withEnv("ENABLE_TOOL_SEARCH", "false")
                .withEnv("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
                .withEnv("DISABLE_TELEMETRY", "1")
                .withEnv("DISABLE_AUTOUPDATER", "1")
                .withEnv("DISABLE_ERROR_REPORTING", "1")
                .withEnv("CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL", "1");
    }

    @AfterEach
    void tearDown() {
        dist.close();
        api.close();
    }

    @Test
    void claudeCodeLeadsTheGoalThroughTheMcpTools() throws IOException {
        ExecResult r = dist.run("--goal", "Add a greeting file", "--lead", "claude", "--agents", "demo",
                "--project", project.dir().toString(), "--no-attach", "--json", "--timeout", "4m");
        String diagnostics = "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr() + "\nAPI requests:\n"
                + String.join("\n", api.requests) + "\nlead pane:\n" + leadLog();
        assertEquals(0, r.exitCode(), diagnostics);
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        assertEquals("done", out.get("state").asText(), diagnostics);
        assertEquals("greeting added, merged and verified", out.get("summary").asText());
        assertEquals("done", out.get("workers").get(0).get("state").asText());
        assertTrue(out.get("verify").get("passed").asBoolean(), diagnostics);
        assertTrue(project.git("log", "--format=%s", out.get("integration_branch").asText()).contains("demo(w01)"));
        assertTrue(api.toolsSeen.containsAll(List.of("mcp__agentorchestr__spawn_worker",
                "mcp__agentorchestr__wait_for_any", "mcp__agentorchestr__mark_goal_done")), api.toolsSeen.toString());
        JsonNode claudeConfig = new ObjectMapper().readTree(Files.readString(dist.home().resolve(".claude.json")));
        assertTrue(claudeConfig.path("projects").path(out.get("integration_worktree").asText())
                .path("hasTrustDialogAccepted").asBoolean(), "agentorchestr pre-accepts the lead's folder trust");
    }

    private String leadLog() {
        try (Stream<Path> logs = Files.walk(dir.resolve("xdg/state"))) {
            return logs.filter(p -> p.getFileName().toString().equals("lead.log")).findFirst()
                    .map(p -> {
                        try {
                            String text = AnsiText.strip(Files.readString(p));
                            return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
                        } catch (IOException e) {
                            return e.toString();
                        }
                    }).orElse("(no lead log)");
        } catch (IOException e) {
            return e.toString();
        }
    }
}
