package io.agentorchestr.cli.agents;

import io.agentorchestr.cli.Distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real OpenCode in its TUI against a scripted OpenAI-compatible Chat Completions API. The user
 * has a provider and a model in $XDG_CONFIG_HOME/opencode/opencode.json; agentorchestr gives the MCP
 * server in the worktree's opencode.json, which OpenCode merges with the user's.
 */
class OpenCodeIT extends RealAgentContract {
    @Override
    String agent() {
        return "opencode";
    }

    @Override
    String processName() {
        return "opencode";
    }

    @Override
    ScriptedModelServer api(ModelScript script) throws IOException {
        return new ChatCompletionsApi(script);
    }

    @Override
    List<Path> userSetup(Distribution dist, ScriptedModelServer api) throws IOException {
        Path config = dir.resolve("xdg/config/opencode/opencode.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                {"$schema": "https://opencode.ai/config.json",
                 "provider": {"scripted": {"npm": "@ai-sdk/openai-compatible", "name": "Scripted",
                   "options": {"baseURL": "%s/v1", "apiKey": "sk-scripted-0123456789"},
                   "models": {"scripted-model": {"name": "Scripted Model"}}}},
                 "model": "scripted/scripted-model"}
                """.formatted(api.baseUrl()));
        return List.of(config);
    }
}
