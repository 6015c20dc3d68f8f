package io.agentorchestr.core.agent;

import io.agentorchestr.core.tmux.GatedCommand;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentLauncherTest {
    private final AgentRegistry registry = AgentRegistry.load(null);
    private final Path prompt = Path.of("/s/prompts/w01.md");

    @Test
    void promptAsArgumentUsesThePromptTokenAfterPermissionAndSessionFlags() {
        LaunchCommand c = AgentLauncher.build(registry.find("openclaude").orElseThrow(), Path.of("/bin/openclaude"),
                new LaunchRequest(false, prompt, "1234-uuid"));
        assertEquals(List.of("/bin/openclaude", "--dangerously-skip-permissions", "--session-id", "1234-uuid",
                LaunchCommand.PROMPT_TOKEN), c.argv());
        assertFalse(c.pastePrompt());
    }

    @Test
    void mcpArgumentsComeAfterThePromptSoAVariadicFlagCannotSwallowIt() {
        LaunchCommand c = AgentLauncher.build(registry.find("openclaude").orElseThrow(), Path.of("/bin/openclaude"),
                new LaunchRequest(false, prompt, null), List.of("--mcp-config", "/s/mcp/w01.json"));
        assertEquals(List.of("/bin/openclaude", "--dangerously-skip-permissions", LaunchCommand.PROMPT_TOKEN,
                "--mcp-config", "/s/mcp/w01.json"), c.argv());
    }

    @Test
    void claudeGetsItsPromptPastedOnceItsToolsAreThere() {
        LaunchCommand c = AgentLauncher.build(registry.find("claude").orElseThrow(), Path.of("/bin/claude"),
                new LaunchRequest(true, prompt, "uuid-1"), List.of("--mcp-config", "/s/mcp/lead.json"));
        assertEquals(List.of("/bin/claude", "--dangerously-skip-permissions", "--session-id", "uuid-1",
                "--mcp-config", "/s/mcp/lead.json"), c.argv());
        assertTrue(c.pastePrompt());
    }

    @Test
    void promptFlagPutsTheFlagBeforeTheText() {
        LaunchCommand c = AgentLauncher.build(registry.find("opencode").orElseThrow(), Path.of("/bin/opencode"),
                new LaunchRequest(false, prompt, null));
        assertEquals(List.of("/bin/opencode", "--prompt", LaunchCommand.PROMPT_TOKEN), c.argv());
    }

    @Test
    void promptFilePassesThePathAndWorkerArgsComeFromTheProfile() {
        LaunchCommand c = AgentLauncher.build(registry.find("demo").orElseThrow(), Path.of("/d/agentorchestr-demo"),
                new LaunchRequest(false, prompt, null));
        assertEquals(List.of("/d/agentorchestr-demo", "--role", "worker", "--prompt-file", prompt.toString()),
                c.argv());
    }

    @Test
    void pastedPromptsAreNotOnTheCommandLineAndProfileEnvIsPassed() {
        LaunchCommand c = AgentLauncher.build(registry.find("goose").orElseThrow(), Path.of("/bin/goose"),
                new LaunchRequest(false, prompt, null));
        assertEquals(List.of("/bin/goose", "session"), c.argv());
        assertTrue(c.pastePrompt());
        assertEquals("auto", c.env().get("GOOSE_MODE"));
    }

    @Test
    void geminiLosesTheCiVariablesThatWouldMakeItsTerminalUiExit() {
        LaunchCommand c = AgentLauncher.build(registry.find("gemini").orElseThrow(), Path.of("/bin/gemini"),
                new LaunchRequest(false, prompt, null));
        assertEquals("CI CONTINUOUS_INTEGRATION CI_*", c.env().get(GatedCommand.UNSET_ENV));
        assertEquals("true", c.env().get("GEMINI_CLI_TRUST_WORKSPACE"));
        assertFalse(AgentLauncher.build(registry.find("claude").orElseThrow(), Path.of("/bin/claude"),
                new LaunchRequest(false, prompt, null)).env().containsKey(GatedCommand.UNSET_ENV));
    }

    @Test
    void openCodeResumesItsSessionWithThePromptPastedBecauseSessionIgnoresPromptFlags() {
        AgentProfile opencode = registry.find("opencode").orElseThrow();
        LaunchCommand first = AgentLauncher.build(opencode, Path.of("/bin/opencode"),
                new LaunchRequest(false, prompt, null));
        assertEquals(List.of("/bin/opencode", "--prompt", LaunchCommand.PROMPT_TOKEN), first.argv());
        assertFalse(AgentLauncher.canResume(opencode, null), "it takes no id at launch: the id must be found");
        LaunchCommand resumed = AgentLauncher.build(opencode, Path.of("/bin/opencode"),
                new LaunchRequest(false, prompt, "ses_1", true));
        assertEquals(List.of("/bin/opencode", "--session", "ses_1"), resumed.argv());
        assertTrue(resumed.pastePrompt());
    }
}
