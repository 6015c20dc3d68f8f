package io.agentorchestr.core.agent;

import java.nio.file.Path;

/**
 * What a launch needs to know beyond the profile.
 *
 * @param lead            the agent leads (else it works)
 * @param promptFile      the file holding the first prompt (for a resume: the message it gets on return)
 * @param agentSessionId  a conversation id to pre-assign, or (with {@code resume}) the one to continue
 * @param resume          continue the conversation {@code agentSessionId} with the profile's resume flag
 * @param warm            the agent starts ahead of its task: no prompt at launch, whatever the profile
 *                        says; it is pasted once the task is known
 */
public record LaunchRequest(boolean lead, Path promptFile, String agentSessionId, boolean resume, boolean warm) {

    public LaunchRequest(boolean lead, Path promptFile, String agentSessionId, boolean resume) {
        this(lead, promptFile, agentSessionId, resume, false);
    }

    public LaunchRequest(boolean lead, Path promptFile, String agentSessionId) {
        this(lead, promptFile, agentSessionId, false, false);
    }

    /** A worker started ahead of its task ({@link AgentProfile#warm}). */
    public static LaunchRequest warm(Path promptFile, String agentSessionId) {
        return new LaunchRequest(false, promptFile, agentSessionId, false, true);
    }
}
