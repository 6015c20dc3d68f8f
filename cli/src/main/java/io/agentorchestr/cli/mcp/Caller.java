package io.agentorchestr.cli.mcp;

/**
 * Who calls a tool: the role of the endpoint the call came in on (the catalog's, never a string
 * compared) and, for a worker, its id from its token.
 *
 * @param id "lead", or the worker's id
 */
record Caller(ToolRole role, String id) {
    boolean lead() {
        return role == ToolRole.LEAD;
    }
}
