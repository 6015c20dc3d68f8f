package io.agentorchestr.core.agent;

import java.nio.file.Path;

/**
 * What a launch needs to know beyond the profile.
 *
 * @param lead            the agent leads (else it works)
 * @param promptFile      the file holding the first prompt (for a resume: the message it gets on return)
 * @param agentSessionId  a conversation id to pre-assign, or (with {@code resume}) the one to continue
 * @param resume          continue the conversation {@code agentSessionId} with the profile's resume flag
 */
public record LaunchRequest(boolean lead, Path promptFile, String agentSessionId, boolean resume) {

    public LaunchRequest(boolean lead, Path promptFile, String agentSessionId) {
        this(lead, promptFile, agentSessionId, false);
    }
}
