package io.agentorchestr.cli.agents;

import io.agentorchestr.cli.Distribution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The real OpenCode in its TUI against a scripted OpenAI-compatible Chat Completions API. The user
 * has a provider and a model in $XDG_CONFIG_HOME/opencode/opencode.json; agentorchestr gives the MCP
 * server in the worktree's opencode.json, which OpenCode merges with the user's. OpenCode chooses its
 * session ids: a resume finds the worktree's with {@code opencode session list}.
 */
class OpenCodeIT extends ResumableAgentContract {
    @Override
    String agent() {
        return "opencode";
    }

    @Override
    String processName() {
        return "opencode";
    }

    @Override
    boolean keepsItsOwnCost() {
        return true;
    }

    @Override
    boolean recordsAStepOnlyOnceItEnds() {
        return true;
    }

    @Override
    ScriptedModelServer api(ModelScript script) throws IOException {
        return new ChatCompletionsApi(script);
    }

    @Override
    List<Path> userSetup(Distribution dist, ScriptedModelServer api) throws IOException {
        return List.of(UserConfigs.opencode(dir.resolve("xdg/config"), api.baseUrl()));
    }
}
