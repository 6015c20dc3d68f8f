package io.agentorchestr.cli.agents;

import io.agentorchestr.cli.Distribution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Gemini CLI in its TUI against a scripted Gemini API (GOOGLE_GEMINI_BASE_URL). The user has
 * chosen API-key auth and a model in ~/.gemini/settings.json and has the key in the environment;
 * agentorchestr trusts its worktrees for the launch (GEMINI_CLI_TRUST_WORKSPACE) and gives the MCP server in the
 * worktree's .gemini/settings.json, never in the user's.
 */
class GeminiIT extends ResumableAgentContract {
    @Override
    String agent() {
        return "gemini";
    }

    @Override
    String processName() {
        return "gemini";
    }

    @Override
    ScriptedModelServer api(ModelScript script) throws IOException {
        return new GeminiApi(script);
    }

    @Override
    List<Path> userSetup(Distribution dist, ScriptedModelServer api) throws IOException {
        return List.of(UserConfigs.gemini(dist, api.baseUrl()));
    }
}
