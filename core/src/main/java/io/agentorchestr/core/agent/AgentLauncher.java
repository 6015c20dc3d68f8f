package io.agentorchestr.core.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the interactive launch command of an agent from its profile (data, not per-agent code). */
public final class AgentLauncher {
    private AgentLauncher() {
    }

    public static LaunchCommand build(AgentProfile profile, Path binary, LaunchRequest request) {
        return build(profile, binary, request, List.of());
    }

    /**
     * Whether the agent can continue an earlier conversation: it has a resume flag, and either the flag
     * needs no id or the id was pre-assigned at launch.
     */
    public static boolean canResume(AgentProfile profile, String agentSessionId) {
        if (profile.resumeArgs().isEmpty()) {
            return false;
        }
        boolean needsId = profile.resumeArgs().stream().anyMatch(a -> a.contains("{session_id}"));
        return !needsId || agentSessionId != null;
    }

    /**
     * The agent as a worker would start, with no prompt and no MCP: to see it reach its input prompt
     * ({@code --doctor --live}).
     */
    public static List<String> interactive(AgentProfile profile, Path binary, List<String> extraArgs) {
        List<String> argv = new ArrayList<>();
        argv.add(binary.toString());
        argv.addAll(profile.launchArgs());
        argv.addAll(profile.workerArgs());
        argv.addAll(profile.permissionArgs());
        argv.addAll(extraArgs);
        return argv;
    }

    /**
     * With {@code mcpArgs} (from {@link McpInjector}) placed after the prompt: some CLIs take several
     * values after their MCP flag (Claude Code's --mcp-config is variadic) and would swallow a prompt
     * that followed it.
     */
    public static LaunchCommand build(AgentProfile profile, Path binary, LaunchRequest request, List<String> mcpArgs) {
        List<String> argv = new ArrayList<>();
        argv.add(binary.toString());
        argv.addAll(profile.launchArgs());
        argv.addAll(request.lead() ? profile.leadArgs() : profile.workerArgs());
        argv.addAll(profile.permissionArgs());
        if (request.resume()) {
            if (!canResume(profile, request.agentSessionId())) {
                throw new IllegalArgumentException(profile.key() + " cannot resume conversation "
                        + request.agentSessionId());
            }
            profile.resumeArgs().forEach(a -> argv.add(request.agentSessionId() == null ? a
                    : a.replace("{session_id}", request.agentSessionId())));
        } else if (request.agentSessionId() != null) {
            profile.sessionIdArgs().forEach(a -> argv.add(a.replace("{session_id}", request.agentSessionId())));
        }
        PromptMode mode = request.warm() ? PromptMode.PASTE : profile.promptMode(request.lead(), request.resume());
        switch (mode) {
            case ARG -> argv.add(LaunchCommand.PROMPT_TOKEN);
            case FLAG -> {
                argv.add(profile.promptFlag());
                argv.add(LaunchCommand.PROMPT_TOKEN);
            }
            case FILE -> {
                argv.add(profile.promptFlag());
                argv.add(request.promptFile().toString());
            }
            case PASTE -> {
                // delivered after start
            }
        }
        argv.addAll(mcpArgs);
        Map<String, String> env = profile.launchEnv();
        return new LaunchCommand(argv, env, mode == PromptMode.PASTE);
    }
}
