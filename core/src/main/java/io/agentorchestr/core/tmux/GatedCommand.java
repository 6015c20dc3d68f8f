package io.agentorchestr.core.tmux;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps an agent's argv so it starts only when released: the pane first blocks on
 * {@code tmux wait-for <channel>}, which lets us attach pipe-pane and set pane options before the
 * agent prints its first byte (tmux remembers a signal sent before anyone waits, so there is no
 * race). The wrapper then replaces {@code {prompt}} arguments with the prompt file's content and
 * execs the agent, so the pane's process is the agent itself and its exit status is the pane's.
 */
public final class GatedCommand {
    public static final String CHANNEL_ENV = "AGENTORCHESTR_GO";
    public static final String PROMPT_FILE_ENV = "AGENTORCHESTR_PROMPT_FILE";
    public static final String PROMPT_TOKEN = "{prompt}";

    /** Exit status when the gate could not be waited on (tmux gone). */
    public static final int GATE_FAILED = 97;
    /** Exit status when the prompt file could not be read. */
    public static final int PROMPT_UNREADABLE = 98;

    private static final String SCRIPT = String.join("\n",
            "tmux wait-for \"$" + CHANNEL_ENV + "\" || exit " + GATE_FAILED,
            "if [ -n \"${" + PROMPT_FILE_ENV + ":-}\" ]; then",
            "  p=$(cat -- \"$" + PROMPT_FILE_ENV + "\") || exit " + PROMPT_UNREADABLE,
            "  for a; do shift; if [ \"$a\" = '" + PROMPT_TOKEN + "' ]; then set -- \"$@\" \"$p\";"
                    + " else set -- \"$@\" \"$a\"; fi; done",
            "fi",
            "exec \"$@\"");

    private GatedCommand() {
    }

    public static List<String> wrap(List<String> argv) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "agentorchestr-launch"));
        command.addAll(argv);
        return command;
    }
}
