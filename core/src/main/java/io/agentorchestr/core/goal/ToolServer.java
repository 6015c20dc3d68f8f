package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.McpAccess;

/**
 * Port for the MCP server a session serves on loopback: the lead's access and one access per worker
 * (worker tools only, identified by its token). The adapter lives outside core.
 */
public interface ToolServer extends AutoCloseable {

    int port();

    McpAccess leadAccess();

    /**
     * Waits until the lead's MCP client has listed its tools, i.e. the lead can call them.
     *
     * @return false if that did not happen within {@code timeout}
     */
    boolean awaitLeadTools(java.time.Duration timeout) throws InterruptedException;

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
