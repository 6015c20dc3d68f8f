package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.cli.Distribution;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.testing.TestRepo;
import io.agentorchestr.core.worker.WorkerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Codex CLI (npm, pinned) in its interactive TUI, its model replaced by a scripted Responses
 * API on loopback. The sandbox starts from what a Codex user already has: a provider, a model and a
 * key in ~/.codex/config.toml, and projects of their own trusted. agentorchestr adds only the MCP
 * server and the trust of its worktrees, at launch, and never writes that file.
 */
@Timeout(300)
class CodexIT {
    private static final String MARK = "[codex-it]";

    @TempDir
    Path dir;
    private Distribution dist;
    private TestRepo project;
    private ResponsesApi api;
    private Path codexConfig;
    private String usersConfig;

    @BeforeEach
    void setUp() throws IOException {
        dist = new Distribution(dir).withTimeout(Duration.ofMinutes(4));
        project = TestRepo.create(dir.resolve("project"));
        api = new ResponsesApi(new ModelScript(List.of(ModelScript.lead(MARK, "Add the greeting"),
                ModelScript.committingWorker(MARK))));
        codexConfig = dist.home().resolve(".codex/config.toml");
        Files.createDirectories(codexConfig.getParent());
        usersConfig = """
                model = "scripted-model"
                model_provider = "scripted"

                [model_providers.scripted]
                name = "Scripted"
                base_url = "%s/v1"
                env_key = "SCRIPTED_API_KEY"
                wire_api = "responses"

                [projects."/home/someone/their-own-project"]
                trust_level = "trusted"
                """.formatted(api.baseUrl());
        Files.writeString(codexConfig, usersConfig);
        dist.withPath(RealAgents.npmBin("codex") + ":" + System.getenv("PATH"))
                .withEnv("SCRIPTED_API_KEY", "sk-scripted-0123456789");
    }

    @AfterEach
    void tearDown() {
        dist.close();
        api.close();
    }

    @Test
    void codexDoesAManualTaskWithItsShellToolAndSignalsThroughTheDoneFlag() throws IOException {
        ExecResult r = dist.run("--manual", "--task", "Add a file " + MARK, "--agents", "codex",
                "--project", project.dir().toString(), "--no-attach", "--json", "--timeout", "3m");
        String diagnostics = diagnostics(r);
        assertEquals(0, r.exitCode(), diagnostics);
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        assertEquals("done", out.get("state").asText(), diagnostics);
        String branch = out.get("branch").asText();
        assertTrue(project.git("log", "--format=%s", branch).contains("w01: add w01.txt"), diagnostics);
        assertEquals("written by w01", project.git("show", branch + ":w01.txt").strip());
        WorkerRecord w = RealAgents.worker(dist, out.get("session").asText(), "w01");
        assertEquals("done_flag", w.signal(), "without MCP in manual mode the flag is the signal");
        assertUsersConfigKept();
        assertEquals(List.of(), RealAgents.leftoversAfterExit(dist, "codex"), "nothing of Codex left running");
    }

    @Test
    void codexWorksForADemoLeadAndReportsThroughTheWorkerMcpTool() throws IOException {
        project.verifyCommands("test -f w01.txt");
        ExecResult r = dist.run("--goal", "Add a file " + MARK, "--lead", "demo", "--agents", "codex",
                "--project", project.dir().toString(), "--no-attach", "--json", "--timeout", "3m");
        String diagnostics = diagnostics(r);
        assertEquals(0, r.exitCode(), diagnostics);
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        assertEquals("done", out.get("state").asText(), diagnostics);
        assertTrue(out.get("verify").get("passed").asBoolean(), diagnostics);
        assertTrue(project.git("log", "--format=%s", out.get("integration_branch").asText())
                .contains("w01: add w01.txt"), diagnostics);
        WorkerRecord w = RealAgents.worker(dist, out.get("session").asText(), "w01");
        assertEquals("codex", w.agent());
        assertEquals("mcp_report", w.signal(), "Codex reported through report_done: " + diagnostics);
        assertUsersConfigKept();
        assertEquals(List.of(), RealAgents.leftoversAfterExit(dist, "codex"), "nothing of Codex left running");
    }

    @Test
    void codexLeadsDemoWorkersThroughTheMcpTools() throws IOException {
        project.verifyCommands("test -f demo/w01.md");
        ExecResult r = dist.run("--goal", "Add the greeting " + MARK, "--lead", "codex", "--agents", "demo",
                "--project", project.dir().toString(), "--no-attach", "--json", "--timeout", "3m");
        String diagnostics = diagnostics(r);
        assertEquals(0, r.exitCode(), diagnostics);
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        assertEquals("done", out.get("state").asText(), diagnostics);
        assertEquals("w01 merged and verified", out.get("summary").asText());
        assertEquals("done", out.get("workers").get(0).get("state").asText(), diagnostics);
        assertTrue(out.get("verify").get("passed").asBoolean(), diagnostics);
        assertTrue(project.git("log", "--format=%s", out.get("integration_branch").asText()).contains("demo(w01)"));
        assertUsersConfigKept();
        assertEquals(List.of(), RealAgents.leftoversAfterExit(dist, "codex"), "nothing of Codex left running");
    }

    /**
     * The user's config.toml keeps every line; agentorchestr wrote nothing into it (no MCP server, no
     * trust entry: both are launch-time overrides). Codex itself may add its own UI state below.
     */
    private void assertUsersConfigKept() throws IOException {
        String now = Files.readString(codexConfig);
        assertTrue(now.startsWith(usersConfig), "the user's Codex config was rewritten:\n" + now);
        assertTrue(!now.contains("agentorchestr") && !now.contains(dir.toString()), "agentorchestr wrote into the "
                + "user's Codex config:\n" + now);
    }

    private String diagnostics(ExecResult r) {
        return "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr() + "\nmodel API:\n" + api.log()
                + "\npanes:\n" + RealAgents.paneLogs(dir);
    }
}
