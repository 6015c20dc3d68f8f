package io.agentorchestr.core.discovery;

import java.time.Duration;

/** Port to one external agent: type into it, read what it printed, wait for its prompt. */
public interface AgentDriver {

    /** Types {@code text} whole (one bracketed paste); with {@code submit}, presses Enter after it. */
    Sent send(String text, boolean submit);

    /** What the agent printed after {@code cursor} (0: from the start), escapes removed, and the next cursor. */
    Chunk read(long cursor, int maxBytes);

    /** Returns when the agent is back at its prompt, asks a question, exits, or {@code timeout} passes. */
    Idle waitIdle(Duration timeout);

    record Sent(int chars, boolean submitted) {
    }

    /** @param note how to read this chunk when it is not simply the next bytes (may be null) */
    record Chunk(String text, long cursor, boolean more, String note) {
    }

    /** @param state idle, quiet (no output for a while), waiting (asks a question), busy, or exited */
    record Idle(boolean idle, String state, long waitedMs, Integer exitStatus) {
    }
}
