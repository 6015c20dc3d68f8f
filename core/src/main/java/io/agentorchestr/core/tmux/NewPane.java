package io.agentorchestr.core.tmux;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What to run in a new pane: the argv (run directly, not through a shell), its directory and environment. */
public record NewPane(List<String> command, Path workDir, Map<String, String> env) {
    public NewPane {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }
}
