package io.agentorchestr.core.agent;

import io.agentorchestr.core.tmux.GatedCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One agent CLI described by data (the bundled agents.toml, overridable per user): how to find it,
 * probe it, launch it interactively, give it its prompt, skip its permission prompts, inject MCP,
 * resume it, read its screen, and ask it to exit.
 *
 * @param conversationListArgs arguments that make the agent list its conversations as JSON, for
 *                    agents that choose their conversation ids ({@link ConversationFinder})
 * @param resumePromptMode how the note reaches a resumed agent, when not as its first prompt does
 * @param envUnset    variables to remove from the agent's environment; a trailing {@code *} matches a
 *                    prefix (e.g. {@code CI_*})
 * @param exitCommand what to type to make the agent quit on its own (e.g. "/exit"), or null: then it
 *                    is stopped with signals when its work is over
 * @param compactCommand what to type to make the agent compact its own context ("/compact
 *                    {instructions}": the placeholder takes one line of instructions), or null when it has none
 * @param warm        the agent may start ahead of its task, held at its input until its prompt is pasted:
 *                    nothing reaches its model before that ({@code warm} in agents.toml; by default
 *                    when its prompt is pasted anyway)
 */
public record AgentProfile(String key, String displayName, List<String> binaries, List<String> versionArgs,
                           List<String> launchArgs, List<String> leadArgs, List<String> workerArgs,
                           List<String> permissionArgs, PromptMode promptMode, PromptMode leadPromptMode,
                           String promptFlag,
                           List<String> sessionIdArgs, List<String> resumeArgs,
                           List<String> conversationListArgs, PromptMode resumePromptMode, McpInjection mcp,
                           ScreenMarkers markers, List<String> firstRun, Map<String, String> env,
                           List<String> envUnset, String exitCommand, String compactCommand, boolean warm) {
    private static final Pattern UNSET_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\*?");


    public AgentProfile {
        binaries = List.copyOf(binaries);
        versionArgs = List.copyOf(versionArgs);
        launchArgs = List.copyOf(launchArgs);
        leadArgs = List.copyOf(leadArgs);
        workerArgs = List.copyOf(workerArgs);
        permissionArgs = List.copyOf(permissionArgs);
        sessionIdArgs = List.copyOf(sessionIdArgs);
        resumeArgs = List.copyOf(resumeArgs);
        conversationListArgs = List.copyOf(conversationListArgs);
        firstRun = List.copyOf(firstRun);
        env = Map.copyOf(env);
        envUnset = List.copyOf(envUnset);
        for (String name : envUnset) {
            if (!UNSET_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("agent " + key + ": env_unset entry \"" + name
                        + "\" is not a variable name (a trailing * is allowed)");
            }
        }
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

    /** How the prompt reaches this agent in the given role, when it starts or when it resumes. */
    public PromptMode promptMode(boolean lead, boolean resume) {
        return resume && resumePromptMode != null ? resumePromptMode : promptMode(lead);
    }

    /**
     * The environment to start the agent with: its {@code env}, and its {@code env_unset} names for
     * the launcher script, which removes them inside the pane. They cannot be removed from here: a
     * pane inherits the tmux server's environment, which may come from another shell.
     */
    public Map<String, String> launchEnv() {
        Map<String, String> launch = new LinkedHashMap<>(env);
        if (!envUnset.isEmpty()) {
            launch.put(GatedCommand.UNSET_ENV, String.join(" ", envUnset));
        }
        return launch;
    }

    /** Only agents whose MCP injection is known can lead: the lead works through MCP tools. */
    public boolean canLead() {
        return mcp.supported();
    }
}
