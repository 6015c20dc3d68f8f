package io.agentorchestr.core.agent;

import io.agentorchestr.core.error.AgentorchestrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentRegistryTest {
    @TempDir
    Path dir;

    @Test
    void bundledProfilesCoverEveryAgentOfTheSpec() {
        AgentRegistry registry = AgentRegistry.load(null);
        assertEquals(List.of("claude", "openclaude", "codex", "gemini", "opencode", "kiro", "aider", "goose", "amp",
                "demo"), registry.names());
    }

    @Test
    void claudeIsInteractiveWithPastedPromptMcpConfigFlagTrustDialogAndPreassignedSession() {
        AgentProfile claude = AgentRegistry.load(null).find("claude").orElseThrow();
        assertEquals(PromptMode.PASTE, claude.promptMode());
        assertEquals(List.of("--dangerously-skip-permissions"), claude.permissionArgs());
        assertEquals(McpInjection.Method.FLAG, claude.mcp().method());
        assertEquals(List.of("--mcp-config", "{mcp_config}"), claude.mcp().args());
        assertEquals(List.of("--session-id", "{session_id}"), claude.sessionIdArgs());
        assertTrue(claude.firstRun().contains("claude-folder-trust"));
        assertTrue(claude.canLead());
    }

    @Test
    void agentsWithoutKnownMcpInjectionCannotLead() {
        AgentRegistry registry = AgentRegistry.load(null);
        assertFalse(registry.find("aider").orElseThrow().canLead());
        assertEquals(".gemini/settings.json", registry.find("gemini").orElseThrow().mcp().file());
    }

    @Test
    void aUserFileOverridesSingleKeysAndAddsAgents() throws IOException {
        Path user = dir.resolve("agents.toml");
        Files.writeString(user, """
                [agents.claude]
                binaries = ["/opt/claude/bin/claude"]
                markers.idle = ["> "]

                [agents.mine]
                binaries = ["my-agent"]
                prompt = "paste"
                env = { MY_MODE = "auto" }
                """);
        AgentRegistry registry = AgentRegistry.load(user);
        AgentProfile claude = registry.find("claude").orElseThrow();
        assertEquals(List.of("/opt/claude/bin/claude"), claude.binaries());
        assertEquals(List.of("> "), claude.markers().idle());
        assertEquals(List.of("esc to interrupt"), claude.markers().busy()); // untouched keys stay
        AgentProfile mine = registry.find("mine").orElseThrow();
        assertEquals(PromptMode.PASTE, mine.promptMode());
        assertEquals("auto", mine.env().get("MY_MODE"));
        assertFalse(mine.canLead());
    }

    @Test
    void invalidUserFilesAreRejectedNamingTheProblem() throws IOException {
        Path user = dir.resolve("agents.toml");
        Files.writeString(user, "[agents.x\nbinaries = [");
        assertTrue(assertThrows(AgentorchestrException.class, () -> AgentRegistry.load(user)).getMessage()
                .contains("invalid TOML in " + user));

        Files.writeString(user, "[agents.x]\nbinaries = [\"x\"]\nprompt = \"telepathy\"\n");
        assertTrue(assertThrows(AgentorchestrException.class, () -> AgentRegistry.load(user)).getMessage()
                .contains("prompt must be arg, flag, file or paste"));

        Files.writeString(user, "[agents.x]\nprompt = \"arg\"\n");
        assertTrue(assertThrows(AgentorchestrException.class, () -> AgentRegistry.load(user)).getMessage()
                .contains("binaries must name at least one executable"));

        Files.writeString(user, "[agents.x]\nbinaries = [\"x\"]\nenv_unset = [\"CI $(rm -rf ~)\"]\n");
        assertTrue(assertThrows(AgentorchestrException.class, () -> AgentRegistry.load(user)).getMessage()
                .contains("env_unset entry \"CI $(rm -rf ~)\" is not a variable name"));
    }
}
