package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client nobody here wrote: the MCP Inspector CLI (npm) lists and calls tools on the live server. */
@Timeout(180)
class McpInspectorIT {
    @TempDir
    Path dir;
    private LiveSession session;
    private String url;
    private String auth;

    @BeforeEach
    void start() throws IOException {
        session = new LiveSession(dir);
        String[] endpoint = session.leadEndpoint();
        url = endpoint[0];
        auth = endpoint[1];
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private JsonNode inspector(String... args) throws IOException {
        return inspector(0, args);
    }

    /** Runs the Inspector CLI; it exits 5 when the tool returned an error. */
    private JsonNode inspector(int expectedExit, String... args) throws IOException {
        Path bin = Path.of(System.getProperty("agentorchestr.npm.bin", "target/npm-tools/node_modules/.bin"))
                .resolve("mcp-inspector");
        assertTrue(Files.isExecutable(bin), bin + " missing: Maven installs it before the ITs (npm install)");
        List<String> argv = new ArrayList<>(List.of(bin.toString(), "--cli", url, "--transport", "http",
                "--header", "Authorization: " + auth));
        argv.addAll(List.of(args));
        ExecResult r = new SystemProcessRunner().run(ProcessSpec.of(argv).withTimeout(Duration.ofSeconds(90))
                .withEnv(Map.of("HOME", dir.toString(), "MCP_CATALOG_PATH", dir.resolve("catalog.json").toString())));
        assertEquals(expectedExit, r.exitCode(), "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        return new ObjectMapper().readTree(r.stdout());
    }

    @Test
    void theInspectorListsTheLeadTools() throws IOException {
        JsonNode tools = inspector("--method", "tools/list").get("tools");
        Set<String> names = new HashSet<>();
        tools.forEach(t -> names.add(t.get("name").asText()));
        assertTrue(names.containsAll(Set.of("spawn_worker", "wait_for_any", "merge_worker", "verify",
                "mark_goal_done")), names.toString());
        Set<String> declared = new HashSet<>();
        ToolCatalog.declarations().forRole(ToolRole.LEAD).forEach(e -> declared.add(e.name()));
        assertEquals(declared, names, "the lead's endpoint lists exactly the catalog's lead tools");
    }

    @Test
    void theInspectorCallsToolsThatActForReal() throws IOException {
        JsonNode spawned = inspector("--method", "tools/call", "--tool-name", "spawn_worker",
                "--tool-arg", "task=Written through the inspector");
        assertTrue(spawned.toString().contains("w01"), spawned.toString());
        JsonNode waited = inspector("--method", "tools/call", "--tool-name", "wait_for_worker",
                "--tool-arg", "worker_id=w01", "timeout_s=60");
        assertEquals("done", waited.get("structuredContent").get("state").asText(), waited.toString());
        JsonNode error = inspector(5, "--method", "tools/call", "--tool-name", "merge_worker", "--tool-arg",
                "worker_id=w42");
        assertTrue(error.get("isError").asBoolean());
        assertTrue(error.toString().contains("unknown worker id 'w42'; valid ids: w01"), error.toString());
    }
}
