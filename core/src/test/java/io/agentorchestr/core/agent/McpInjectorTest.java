package io.agentorchestr.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.error.AgentorchestrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class McpInjectorTest {
    @TempDir
    Path dir;

    private final AgentRegistry registry = AgentRegistry.load(null);
    private final McpAccess access = new McpAccess("http://127.0.0.1:4242/mcp", "tok3n");
    private final McpInjector injector = new McpInjector();

    @Test
    void claudeGetsAPrivateConfigFileByFlag() throws IOException {
        McpInjector.Injection i = injector.inject(registry.find("claude").orElseThrow(), access, dir, dir, "lead");
        Path file = dir.resolve("mcp/lead.json");
        assertEquals(List.of("--mcp-config", file.toString()), i.args());
        JsonNode server = new ObjectMapper().readTree(Files.readString(file)).at("/mcpServers/agentorchestr");
        assertEquals("http", server.get("type").asText());
        assertEquals("http://127.0.0.1:4242/mcp", server.get("url").asText());
        assertEquals("Bearer tok3n", server.at("/headers/Authorization").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void codexGetsConfigOverridesAndTheTokenThroughItsEnvironment() {
        McpInjector.Injection i = injector.inject(registry.find("codex").orElseThrow(), access, dir, dir, "lead");
        assertEquals(List.of("-c", "mcp_servers.agentorchestr.url=\"http://127.0.0.1:4242/mcp\"", "-c",
                "mcp_servers.agentorchestr.bearer_token_env_var=\"AGENTORCHESTR_MCP_TOKEN\""), i.args());
        assertEquals(Map.of("AGENTORCHESTR_MCP_TOKEN", "tok3n"), i.env());
        assertFalse(i.args().toString().contains("tok3n"), "the token must not be on the command line");
    }

    @Test
    void geminiGetsAWorkspaceSettingsFileThatIsRemovedAfterwards() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        McpInjector.Injection i = injector.inject(registry.find("gemini").orElseThrow(), access, dir, work, "lead");
        Path settings = work.resolve(".gemini/settings.json");
        JsonNode server = new ObjectMapper().readTree(Files.readString(settings)).at("/mcpServers/agentorchestr");
        assertEquals("http://127.0.0.1:4242/mcp", server.get("httpUrl").asText());
        assertEquals("Bearer tok3n", server.at("/headers/Authorization").asText());
        McpInjector.cleanUp(i);
        assertFalse(Files.exists(settings));
    }

    @Test
    void anExistingWorkspaceSettingsFileIsNeverOverwritten() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work/.gemini"));
        Files.writeString(work.resolve("settings.json"), "{\"mine\":true}");
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> injector.inject(
                registry.find("gemini").orElseThrow(), access, dir, dir.resolve("work"), "lead"));
        assertTrue(e.getMessage().contains("will not overwrite yours"), e.getMessage());
        assertEquals("{\"mine\":true}", Files.readString(work.resolve("settings.json")));
    }

    @Test
    void aWorkspaceFileLeftByAnEarlierAttemptIsReplacedButOneWithTheUsersServersIsNot() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        AgentProfile gemini = registry.find("gemini").orElseThrow();
        injector.inject(gemini, new McpAccess("http://127.0.0.1:1/mcp", "old"), dir, work, "w01");
        injector.inject(gemini, access, dir, work, "w01");
        Path settings = work.resolve(".gemini/settings.json");
        assertTrue(Files.readString(settings).contains("tok3n"), "the crashed attempt's file is replaced");
        Path opencodeFile = work.resolve("opencode.json");
        Files.writeString(opencodeFile, "{\"$schema\":\"https://opencode.ai/config.json\",\"mcp\":{\"agentorchestr\":{}}}");
        injector.inject(registry.find("opencode").orElseThrow(), access, dir, work, "w01");
        assertTrue(Files.readString(opencodeFile).contains("tok3n"), "a $schema the agent added does not make it theirs");

        Files.writeString(settings, "{\"mcpServers\":{\"agentorchestr\":{},\"theirs\":{}}}");
        assertThrows(AgentorchestrException.class, () -> injector.inject(gemini, access, dir, work, "w01"));
    }

    @Test
    void opencodeAndKiroFormats() {
        assertTrue(injector.config("opencode", access).contains("\"type\" : \"remote\""));
        assertTrue(injector.config("kiro", access).contains("\"url\" : \"http://127.0.0.1:4242/mcp\""));
    }
}
