package io.agentorchestr.core.agent;

import java.util.List;
import java.util.Map;

/**
 * One agent CLI described by data (the bundled agents.toml, overridable per user): how to find it,
 * probe it, launch it interactively, give it its prompt, skip its permission prompts, inject MCP,
 * resume it, read its screen, and ask it to exit.
 *
 * @param exitCommand what to type to make the agent quit on its own (e.g. "/exit"), or null: then it
 *                    is stopped with signals when its work is over
 */
public record AgentProfile(String key, String displayName, List<String> binaries, List<String> versionArgs,
                           List<String> launchArgs, List<String> leadArgs, List<String> workerArgs,
                           List<String> permissionArgs, PromptMode promptMode, PromptMode leadPromptMode,
                           String promptFlag,
                           List<String> sessionIdArgs, List<String> resumeArgs, McpInjection mcp,
                           ScreenMarkers markers, List<String> firstRun, Map<String, String> env,
                           String exitCommand) {

    public AgentProfile {
        binaries = List.copyOf(binaries);
        versionArgs = List.copyOf(versionArgs);
        launchArgs = List.copyOf(launchArgs);
        leadArgs = List.copyOf(leadArgs);
        workerArgs = List.copyOf(workerArgs);
        permissionArgs = List.copyOf(permissionArgs);
        sessionIdArgs = List.copyOf(sessionIdArgs);
        resumeArgs = List.copyOf(resumeArgs);
        firstRun = List.copyOf(firstRun);
        env = Map.copyOf(env);
        if (binaries.isEmpty()) {
            throw new IllegalArgumentException("agent " + key + ": binaries must name at least one executable");
        }
        if ((promptMode == PromptMode.FLAG || promptMode == PromptMode.FILE)
                && (promptFlag == null || promptFlag.isBlank())) {
            throw new IllegalArgumentException("agent " + key + ": prompt = \"" + promptMode.name().toLowerCase()
                    + "\" needs prompt_flag");
        }
    }

    /** How the first prompt reaches this agent in the given role. */
    public PromptMode promptMode(boolean lead) {
        return lead && leadPromptMode != null ? leadPromptMode : promptMode;
    }

    /** Only agents whose MCP injection is known can lead: the lead works through MCP tools. */
    public boolean canLead() {
        return mcp.supported();
    }
}
