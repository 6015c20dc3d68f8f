package io.agentorchestr.core.config;

import io.agentorchestr.core.error.AgentorchestrException;

import java.nio.file.Path;
import java.time.Duration;

/** The project's {@code [lead]} settings in config.toml. */
public final class LeadConfig {
    public static final Duration DEFAULT_TOOLS_TIMEOUT = Duration.ofSeconds(90);

    private LeadConfig() {
    }

    /**
     * How long a lead may take to connect to its MCP tools: {@code [lead] tools_timeout_s} in the
     * project's config.toml (a slow machine, an agent that loads many plugins), else 90 s.
     */
    public static Duration toolsTimeout(Path project) {
        return ProjectConfig.load(project).map(t -> t.getLong("lead.tools_timeout_s")).map(n -> {
            if (n < 1 || n > 3600) {
                throw AgentorchestrException.usage("[lead] tools_timeout_s in " + ProjectConfig.file(project)
                        + " must be from 1 to 3600, not " + n);
            }
            return Duration.ofSeconds(n);
        }).orElse(DEFAULT_TOOLS_TIMEOUT);
    }
}
