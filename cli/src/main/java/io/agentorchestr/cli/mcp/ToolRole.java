package io.agentorchestr.cli.mcp;

/** Who may call a tool: each role has its own MCP endpoint, which lists and serves only its tools. */
enum ToolRole {
    /** The lead agent, on /mcp with the session's lead token. */
    LEAD,
    /** A worker, on /mcp/worker with its own token; its id comes from the token. */
    WORKER
}
