package io.agentorchestr.cli.agents;

import io.agentorchestr.cli.Distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Gemini CLI in its TUI against a scripted Gemini API (GOOGLE_GEMINI_BASE_URL). The user has
 * chosen API-key auth and a model in ~/.gemini/settings.json and has the key in the environment;
 * agentorchestr trusts its worktrees for the launch (GEMINI_CLI_TRUST_WORKSPACE) and gives the MCP server in the
 * worktree's .gemini/settings.json, never in the user's.
 */
class GeminiIT extends RealAgentContract {
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
        Path settings = dist.home().resolve(".gemini/settings.json");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"security\":{\"auth\":{\"selectedType\":\"gemini-api-key\"}},"
                + "\"model\":{\"name\":\"gemini-2.5-flash\"}}\n");
        dist.withEnv("GEMINI_API_KEY", "scripted-gemini-key-0123456789")
                .withEnv("GOOGLE_GEMINI_BASE_URL", api.baseUrl());
        return List.of(settings);
    }
}
