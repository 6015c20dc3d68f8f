package io.agentorchestr.cli.agents;

import io.agentorchestr.cli.Distribution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Codex CLI in its TUI against a scripted Responses API. The user has a provider, a model
 * and a key in ~/.codex/config.toml, and projects of their own trusted; agentorchestr adds the MCP
 * server and the trust of its worktrees as launch-time overrides and never writes that file.
 */
class CodexIT extends ResumableAgentContract {
    @Override
    String agent() {
        return "codex";
    }

    @Override
    String processName() {
        return "codex";
    }

    @Override
    ScriptedModelServer api(ModelScript script) throws IOException {
        return new ResponsesApi(script);
    }

    @Override
    List<Path> userSetup(Distribution dist, ScriptedModelServer api) throws IOException {
        return List.of(UserConfigs.codex(dist, api.baseUrl()));
    }
}
