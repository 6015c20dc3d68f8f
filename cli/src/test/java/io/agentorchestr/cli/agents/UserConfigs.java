package io.agentorchestr.cli.agents;

import io.agentorchestr.cli.Distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a user of each agent CLI already has before agentorchestr runs it (provider, model and key;
 * onboarding done), written into a sandbox and pointed at a scripted model server. Each returns the
 * user's file, which agentorchestr must not rewrite.
 */
final class UserConfigs {
    static final String CLAUDE_KEY = "sk-ant-api03-agentorchestr-fake-key-0123456789abcdefghij";

    private UserConfigs() {
    }

    static Path codex(Distribution dist, String apiBaseUrl) throws IOException {
        Path config = dist.home().resolve(".codex/config.toml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                model = "scripted-model"
                model_provider = "scripted"

                [model_providers.scripted]
                name = "Scripted"
                base_url = "%s/v1"
                env_key = "SCRIPTED_API_KEY"
                wire_api = "responses"

                [projects."/home/someone/their-own-project"]
                trust_level = "trusted"
                """.formatted(apiBaseUrl));
        dist.withEnv("SCRIPTED_API_KEY", "sk-scripted-0123456789");
        return config;
    }

    static Path gemini(Distribution dist, String apiBaseUrl) throws IOException {
        Path settings = dist.home().resolve(".gemini/settings.json");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"security\":{\"auth\":{\"selectedType\":\"gemini-api-key\"}},"
                + "\"model\":{\"name\":\"gemini-2.5-flash\"}}\n");
        geminiKey(dist, apiBaseUrl);
        return settings;
    }

    /** The key and base URL alone: a user who has not chosen how to sign in yet. */
    static void geminiKey(Distribution dist, String apiBaseUrl) {
        dist.withEnv("GEMINI_API_KEY", "scripted-gemini-key-0123456789").withEnv("GOOGLE_GEMINI_BASE_URL", apiBaseUrl);
    }

    /** OpenCode reads $XDG_CONFIG_HOME/opencode/opencode.json; {@code xdgConfig} is the sandbox's. */
    static Path opencode(Path xdgConfig, String apiBaseUrl) throws IOException {
        Path config = xdgConfig.resolve("opencode/opencode.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                {"$schema": "https://opencode.ai/config.json",
                 "provider": {"scripted": {"npm": "@ai-sdk/openai-compatible", "name": "Scripted",
                   "options": {"baseURL": "%s/v1", "apiKey": "sk-scripted-0123456789"},
                   "models": {"scripted-model": {"name": "Scripted Model"}}}},
                 "model": "scripted/scripted-model"}
                """.formatted(apiBaseUrl));
        return config;
    }

    /** A user who has used Claude Code before with an API key; agentorchestr adds the folder trust. */
    static Path claude(Distribution dist, String apiBaseUrl) throws IOException {
        String last20 = CLAUDE_KEY.substring(CLAUDE_KEY.length() - 20);
        Path config = dist.home().resolve(".claude.json");
        Files.writeString(config, "{\"hasCompletedOnboarding\":true,"
                + "\"bypassPermissionsModeAccepted\":true,\"theme\":\"dark\",\"numStartups\":3,"
                + "\"customApiKeyResponses\":{\"approved\":[\"" + last20 + "\"],\"rejected\":[]}}");
        dist.withEnv("ANTHROPIC_BASE_URL", apiBaseUrl)
                .withEnv("ANTHROPIC_API_KEY", CLAUDE_KEY)
                .withEnv("IS_SANDBOX", "1")
                .withEnv("ENABLE_TOOL_SEARCH", "false")
                .withEnv("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
                .withEnv("DISABLE_TELEMETRY", "1")
                .withEnv("DISABLE_AUTOUPDATER", "1")
                .withEnv("DISABLE_ERROR_REPORTING", "1")
                .withEnv("CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL", "1");
        return config;
    }
}
