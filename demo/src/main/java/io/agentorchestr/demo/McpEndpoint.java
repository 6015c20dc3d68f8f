package io.agentorchestr.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The demo agent's MCP connection, read from the same JSON configuration Claude Code takes with
 * --mcp-config ({@code mcpServers.<name>.url} and {@code headers}), used like any MCP client would.
 */
final class McpEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final McpSyncClient client;

    private McpEndpoint(McpSyncClient client) {
        this.client = client;
    }

    static McpEndpoint connect(Path configFile) throws IOException {
        JsonNode servers = JSON.readTree(Files.readString(configFile)).path("mcpServers");
        if (!servers.fields().hasNext()) {
            throw new IOException(configFile + " names no MCP server under mcpServers");
        }
        JsonNode server = servers.fields().next().getValue();
        URI url = URI.create(server.path("url").asText());
        HttpRequest.Builder request = HttpRequest.newBuilder();
        server.path("headers").fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath())
                .requestBuilder(request)
                .build();
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("agentorchestr-demo", DemoAgent.version()))
                .requestTimeout(Duration.ofMinutes(70))
                .initializationTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return new McpEndpoint(client);
    }

    /** Calls a tool; its JSON text result, or an exception carrying the tool error's message. */
    JsonNode call(String tool, Map<String, Object> arguments) throws IOException {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        String text = r.content().isEmpty() ? "" : ((McpSchema.TextContent) r.content().get(0)).text();
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IOException(tool + ": " + text);
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
