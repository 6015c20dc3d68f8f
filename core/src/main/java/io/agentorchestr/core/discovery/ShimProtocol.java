package io.agentorchestr.core.discovery;

/**
 * The shim's socket, as both of its sides read it ({@link ShimClient} here, the shim's methods in the
 * shim module): newline-delimited JSON-RPC 2.0, one request and one answer line per connection, these
 * methods, these limits.
 */
public final class ShimProtocol {
    /** What the shim and its agent are: the card's fields, the agent's state. */
    public static final String INFO = "info";
    /** Types {@code text} into the agent (one bracketed paste), Enter after it when {@code submit}. */
    public static final String SEND = "send";
    /** The agent's output (escapes removed) from byte {@code cursor}, at most {@code max_bytes}. */
    public static final String READ = "read";
    /** The agent's screen as rendered now. */
    public static final String SCREEN = "screen";
    /** Waits up to {@code timeout_s} for the agent to be idle (at its prompt, or quiet). */
    public static final String WAIT_IDLE = "wait_idle";
    /** Stops the agent. */
    public static final String KILL = "kill";

    /** The most characters one {@code send} types. */
    public static final int MAX_SEND_CHARS = 256 * 1024;
    /** What one {@code read} returns when it does not say. */
    public static final int DEFAULT_READ_BYTES = 64 * 1024;
    /** The most one {@code read} returns. */
    public static final int MAX_READ_BYTES = 1 << 20;
    /** The longest {@code wait_idle}. */
    public static final int MAX_WAIT_S = 3600;
    /** The longest answer line a client takes. */
    public static final int MAX_ANSWER_CHARS = 4 << 20;

    private ShimProtocol() {
    }
}
