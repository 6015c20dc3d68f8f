package io.agentorchestr.core.goal;

/** A tool call the agent got wrong or that cannot act now; the message tells the agent what to do instead. */
public class ToolError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolError(String message) {
        super(message);
    }
}
