package io.agentorchestr.core.config;

import io.agentorchestr.core.error.AgentorchestrException;

import java.nio.file.Path;

/** The project's {@code [workers]} settings in config.toml. */
public final class WorkersConfig {
    public static final boolean DEFAULT_WARM = true;

    private WorkersConfig() {
    }

    /**
     * Whether the next agent of a kind in use starts ahead of its worker's task: {@code [workers] warm}
     * in the project's config.toml, else true.
     */
    public static boolean warm(Path project) {
        return ProjectConfig.load(project).map(t -> {
            Object v = t.get("workers.warm");
            if (v != null && !(v instanceof Boolean)) {
                throw AgentorchestrException.usage("[workers] warm in " + ProjectConfig.file(project)
                        + " must be true or false, not " + v);
            }
            return (Boolean) v;
        }).orElse(DEFAULT_WARM);
    }
}
