package io.agentorchestr.core.agent;

import java.util.List;
import java.util.Map;

/**
 * How to start an agent in a pane.
 *
 * @param argv           the agent's argv; the token {@link #PROMPT_TOKEN} stands for the prompt text
 * @param env            environment for the agent
 * @param pastePrompt    the prompt must be pasted once the agent's input is ready
 */
public record LaunchCommand(List<String> argv, Map<String, String> env, boolean pastePrompt) {
    /** Replaced by the launcher script with the prompt file's content, so no prompt passes through tmux's argv. */
    public static final String PROMPT_TOKEN = "{prompt}";

    public LaunchCommand {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }
}
