package io.agentorchestr.core.agent;

/** Where an agent reaches agentorchestr's MCP server, and the bearer token that identifies it. */
public record McpAccess(String url, String token) {
    public static final String SERVER_NAME = "agentorchestr";
    public static final String TOKEN_ENV = "AGENTORCHESTR_MCP_TOKEN";

    @Override
    public String toString() {
        return "McpAccess[url=" + url + ", token=<redacted>]";
    }
}
