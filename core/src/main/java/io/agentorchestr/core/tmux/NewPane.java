package io.agentorchestr.core.tmux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What to run in a new pane: the argv (run directly, not through a shell), its directory and environment. */
public record NewPane(List<String> command, Path workDir, Map<String, String> env) {
    public NewPane {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** The arguments of a tmux command that opens this pane: -c, -e each, then {@code flags}, then the argv. */
    List<String> tmuxArgs(List<String> flags) {
        List<String> args = new ArrayList<>();
        if (workDir != null) {
            args.add("-c");
            args.add(workDir.toString());
        }
        env.forEach((k, v) -> {
            args.add("-e");
            args.add(k + "=" + v);
        });
        args.addAll(flags);
        args.addAll(command);
        return args;
    }
}
