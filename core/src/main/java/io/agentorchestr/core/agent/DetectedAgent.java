package io.agentorchestr.core.agent;

import java.nio.file.Path;

/**
 * What detection found for one agent.
 *
 * @param binary  the resolved executable, or null when not installed
 * @param version the first line of the version probe's output ("" if the probe failed)
 * @param problem why the probe failed (timeout, non-zero exit), or null
 */
public record DetectedAgent(AgentProfile profile, Path binary, String version, String problem) {

    public boolean installed() {
        return binary != null;
    }
}
