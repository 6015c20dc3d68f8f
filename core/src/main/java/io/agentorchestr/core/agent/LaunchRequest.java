package io.agentorchestr.core.agent;

import java.nio.file.Path;

/**
 * What a launch needs to know beyond the profile.
 *
 * @param lead            the agent leads (else it works)
 * @param promptFile      the file holding the first prompt
 * @param agentSessionId  a conversation id to pre-assign, or null
 */
public record LaunchRequest(boolean lead, Path promptFile, String agentSessionId) {
}
