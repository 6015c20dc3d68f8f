package io.agentorchestr.core.agent;

import java.time.Duration;

/**
 * How often each MCP client (the lead, or a worker by its id) has listed its tools: from then on the
 * agent can call them. A prompt pasted before that reaches a TUI that starts its turn without the
 * tools (Gemini CLI connects its MCP servers in the background).
 */
public interface ToolListings {
    /** Listings by {@code owner} ("lead" or a worker id) so far. */
    long toolListings(String owner);

    /**
     * Waits until {@code owner} has listed its tools more than {@code seen} times in all.
     *
     * @return false if that did not happen within {@code timeout}
     */
    boolean awaitTools(String owner, long seen, Duration timeout) throws InterruptedException;
}
