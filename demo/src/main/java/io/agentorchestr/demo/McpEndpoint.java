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
 * When the server goes away (agentorchestr crashed and is being resumed) a call reconnects and is
 * made again, for up to {@link #RECONNECT_FOR} after it failed, as a well-behaved agent would retry a
 * failed tool.
 */
final class McpEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration RECONNECT_FOR = Duration.ofMinutes(10);

    private final Path configFile;
    private McpSyncClient client;

    private McpEndpoint(Path configFile, McpSyncClient client) {
        this.configFile = configFile;
        this.client = client;
    }

    static McpEndpoint connect(Path configFile) throws IOException {
        return new McpEndpoint(configFile, open(configFile));
    }

    private static McpSyncClient open(Path configFile) throws IOException {
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
        return client;
    }

    /** Lists the server's tools, as an agent's MCP client does when it starts; how many there are. */
    int listTools() {
        return client.listTools().tools().size();
    }

    /** Calls a tool; its JSON text result, or an exception carrying the tool error's message. */
    JsonNode call(String tool, Map<String, Object> arguments) throws IOException {
        // From the failure, not from the call: a wait_for_any may have waited 20 minutes before the
        // server went away, and the time to come back starts when it went.
        RetryWindow window = new RetryWindow(RECONNECT_FOR);
        while (true) {
            try {
                return result(tool, client.callTool(new McpSchema.CallToolRequest(tool, arguments)));
            } catch (RuntimeException e) {
                if (window.failedAt(System.nanoTime())) {
                    throw new IOException(tool + ": the MCP server did not come back: " + e.getMessage(), e);
                }
                System.out.println("demo lead: " + tool + " failed (" + e.getClass().getSimpleName()
                        + "); reconnecting to agentorchestr");
                reconnect(window);
            }
        }
    }

    private void reconnect(RetryWindow window) throws IOException {
        try {
            client.close();
        } catch (RuntimeException e) {
            // the old connection is broken anyway
        }
        while (true) {
            try {
                Thread.sleep(1000);
                client = open(configFile);
                return;
            } catch (RuntimeException | IOException e) {
                if (window.failedAt(System.nanoTime())) {
                    throw new IOException("the MCP server did not come back: " + e.getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reconnecting", e);
            }
        }
    }

    private static JsonNode result(String tool, McpSchema.CallToolResult r) throws IOException {
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
