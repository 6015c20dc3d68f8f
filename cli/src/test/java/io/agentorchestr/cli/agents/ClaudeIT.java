package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.cli.Distribution;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Claude Code in its TUI against a scripted Messages API. The user has used Claude Code
 * before with an API key; agentorchestr adds the folder trust of its worktrees to ~/.claude.json
 * (Claude Code has no launch-time setting for it), atomically and keeping every other key.
 */
class ClaudeIT extends ResumableAgentContract {
    @Override
    String agent() {
        return "claude";
    }

    @Override
    String processName() {
        return "claude";
    }

    @Override
    ScriptedModelServer api(ModelScript script) throws IOException {
        return new MessagesApi(script);
    }

    @Override
    List<Path> userSetup(Distribution dist, ScriptedModelServer api) throws IOException {
        return List.of(UserConfigs.claude(dist, api.baseUrl()));
    }

    /** Claude Code's config gets the trust entries: the one user file agentorchestr must write. */
    @Override
    boolean agentorchestrWrites(Path file) {
        return true;
    }

    /** Also: the lead saw its MCP tools, and its folder is trusted in the user's config. */
    @Test
    @Override
    void resumesTheLeadInItsConversationAfterTmuxKillServer() throws Exception {
        super.resumesTheLeadInItsConversationAfterTmuxKillServer();
        assertTrue(((MessagesApi) api).toolsSeen.containsAll(List.of("mcp__agentorchestr__spawn_worker",
                "mcp__agentorchestr__wait_for_any", "mcp__agentorchestr__mark_goal_done")),
                ((MessagesApi) api).toolsSeen.toString());
        JsonNode config = new ObjectMapper().readTree(Files.readString(dist.home().resolve(".claude.json")));
        assertTrue(config.get("hasCompletedOnboarding").asBoolean(), "the user's keys are kept: " + config);
        assertEquals(UserConfigs.CLAUDE_KEY.substring(UserConfigs.CLAUDE_KEY.length() - 20),
                config.at("/customApiKeyResponses/approved/0").asText(), "the user's keys are kept: " + config);
        boolean trusted = false;
        for (var it = config.path("projects").fields(); it.hasNext(); ) {
            var e = it.next();
            trusted |= e.getKey().endsWith("/integration") && e.getValue().path("hasTrustDialogAccepted").asBoolean();
        }
        assertTrue(trusted, "agentorchestr pre-accepts the lead's folder trust: " + config);
    }
}
