package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.McpAccess;
import io.agentorchestr.core.agent.ToolListings;

/**
 * Port for the MCP server a session serves on loopback: the lead's access and one access per worker
 * (worker tools only, identified by its token). The adapter lives outside core.
 */
public interface ToolServer extends ToolListings, AutoCloseable {
    /** The owner name of the lead's listings ({@link ToolListings}). */
    String LEAD = "lead";

    int port();

    McpAccess leadAccess();

    /** The names of the lead's tools, as its endpoint lists them: for the lead's prompt. */
    java.util.List<String> leadTools();

    /** The token of {@code workerId} (created and stored on first use), accepted only on the worker endpoint. */
    McpAccess workerAccess(String workerId);

    /** Stops accepting {@code workerId}'s token: the worker reached a terminal state. */
    void revokeWorker(String workerId, String reason);

    @Override
    void close();

    /**
     * Where and with which tokens a server starts: a new session takes any free port and fresh tokens;
     * a resumed one asks for its old port (any port if it is taken) and keeps its tokens, so clients
     * configured before the crash are still accepted.
     *
     * @param port   the port to bind, 0 for any
     * @param tokens owner ("lead" or a worker id) to token, empty for a new session
     */
    record Binding(int port, java.util.Map<String, String> tokens) {
        public static final Binding FRESH = new Binding(0, java.util.Map.of());

        public Binding {
            tokens = java.util.Map.copyOf(tokens);
        }
    }

    /** Starts a server whose tools act on {@code supervisor}. */
    @FunctionalInterface
    interface Factory {
        ToolServer start(Supervisor supervisor, Binding binding);
    }
}
