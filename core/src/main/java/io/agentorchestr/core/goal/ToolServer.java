package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.McpAccess;

/**
 * Port for the MCP server a session serves on loopback: the lead's access and one access per worker
 * (worker tools only, identified by its token). The adapter lives outside core.
 */
public interface ToolServer extends AutoCloseable {

    int port();

    McpAccess leadAccess();

    /** A fresh token for {@code workerId}, accepted only on the worker endpoint. */
    McpAccess workerAccess(String workerId);

    @Override
    void close();

    /** Starts a server whose tools act on {@code supervisor}. */
    @FunctionalInterface
    interface Factory {
        ToolServer start(Supervisor supervisor);
    }
}
