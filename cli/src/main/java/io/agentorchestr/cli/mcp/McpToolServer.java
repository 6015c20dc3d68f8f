package io.agentorchestr.cli.mcp;

import io.agentorchestr.cli.VersionProvider;
import io.agentorchestr.core.agent.McpAccess;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.goal.ToolServer;
import io.agentorchestr.core.goal.ToolServer.Binding;
import io.agentorchestr.core.store.StateStore;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session's MCP server (SDK Streamable HTTP on embedded Jetty), bound to 127.0.0.1 on a port the
 * OS picks; the bound socket is kept, so no other process can take it between choosing and binding.
 * {@code /mcp} serves the lead's tools to the lead's token; {@code /worker/mcp} serves the worker
 * tools to each worker's own token. Host and Origin must be loopback.
 */
public final class McpToolServer implements ToolServer {
    static final String CALLER_KEY = "agentorchestr.caller";
    public static final String LEAD_PATH = "/mcp";
    public static final String WORKER_PATH = "/worker/mcp";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Server jetty;
    private final int port;
    private final String leadToken;
    private final Map<String, String> workerTokens;
    private final List<McpSyncServer> servers;
    private final ToolsListedFilter.Listings leadListings;
    private final StateStore store;
    private final String sessionId;

    private McpToolServer(Server jetty, int port, String leadToken, Map<String, String> workerTokens,
                          List<McpSyncServer> servers, ToolsListedFilter.Listings leadListings, StateStore store,
                          String sessionId) {
        this.leadListings = leadListings;
        this.jetty = jetty;
        this.port = port;
        this.leadToken = leadToken;
        this.workerTokens = workerTokens;
        this.servers = servers;
        this.store = store;
        this.sessionId = sessionId;
    }

    /** The factory the goal use case calls: one server per session, its events and tokens in {@code store}. */
    public static ToolServer.Factory factory(StateStore store) {
        return (supervisor, binding) -> start(supervisor, store, binding);
    }

    public static McpToolServer start(Supervisor supervisor, StateStore store) {
        return start(supervisor, store, Binding.FRESH);
    }

    public static McpToolServer start(Supervisor supervisor, StateStore store, Binding binding) {
        String sessionId = supervisor.session().id();
        String leadToken = binding.tokens().getOrDefault("lead", newToken());
        store.saveToken(sessionId, "lead", leadToken);
        Map<String, String> workerTokens = new ConcurrentHashMap<>();
        binding.tokens().forEach((owner, token) -> {
            if (!owner.equals("lead")) {
                workerTokens.put(token, owner);
            }
        });
        ToolCalls calls = new ToolCalls(store, sessionId, supervisor.leadActivity());
        HttpServletStreamableServerTransportProvider lead = transport(LEAD_PATH, request -> "lead");
        HttpServletStreamableServerTransportProvider worker = transport(WORKER_PATH,
                request -> workerTokens.get(String.valueOf(request.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE))));
        McpSyncServer leadServer = server(lead, LeadTools.all(supervisor, calls), "Tools to lead a team of coding "
                + "agents: spawn workers, wait for them, merge and verify their work, then mark the goal.");
        McpSyncServer workerServer = server(worker, WorkerTools.all(supervisor, calls), "Tools for an "
                + "agentorchestr worker: report your outcome and progress, ask the lead.");

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("mcp-http");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(binding.port());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ToolsListedFilter.Listings leadListings = new ToolsListedFilter.Listings();
        mount(context, lead, LEAD_PATH, new BearerTokenFilter(t -> BearerTokenFilter.same(t, leadToken)),
                new ToolsListedFilter(leadListings));
        mount(context, worker, WORKER_PATH, new BearerTokenFilter(workerTokens::containsKey));
        jetty.setHandler(context);
        startJetty(jetty, connector);
        return new McpToolServer(jetty, connector.getLocalPort(), leadToken, workerTokens,
                List.of(leadServer, workerServer), leadListings, store, sessionId);
    }

    /** Binds the requested port; when another process has taken it since, any free port instead. */
    private static void startJetty(Server jetty, ServerConnector connector) {
        try {
            jetty.start();
        } catch (Exception e) {
            if (connector.getPort() == 0) {
                throw AgentorchestrException.error("cannot start the MCP server on 127.0.0.1: " + e.getMessage(), e);
            }
            try {
                jetty.stop();
                connector.setPort(0);
                jetty.start();
            } catch (Exception again) {
                throw AgentorchestrException.error("cannot start the MCP server on 127.0.0.1: " + again.getMessage(),
                        again);
            }
        }
    }

    private interface Caller {
        String of(jakarta.servlet.http.HttpServletRequest request);
    }

    private static HttpServletStreamableServerTransportProvider transport(String path, Caller caller) {
        return HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(path)
                .jsonMapper(McpJsonDefaults.getMapper())
                .securityValidator(DefaultServerTransportSecurityValidator.builder()
                        .allowedHosts(List.of("127.0.0.1:*", "localhost:*"))
                        .allowedOrigins(List.of("http://127.0.0.1:*", "http://localhost:*"))
                        .build())
                .contextExtractor(request -> McpTransportContext.create(Map.of(CALLER_KEY,
                        String.valueOf(caller.of(request)))))
                .build();
    }

    private static McpSyncServer server(HttpServletStreamableServerTransportProvider transport,
                                        List<SyncToolSpecification> tools, String instructions) {
        return McpServer.sync(transport)
                .serverInfo("agentorchestr", VersionProvider.version())
                .instructions(instructions)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .requestTimeout(Duration.ofHours(1))
                .tools(tools)
                .build();
    }

    /** The transport at {@code path}, behind {@code filters} in order (authentication first). */
    private static void mount(ServletContextHandler context, HttpServletStreamableServerTransportProvider transport,
                              String path, jakarta.servlet.Filter... filters) {
        ServletHolder holder = new ServletHolder(transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, path);
        for (jakarta.servlet.Filter f : filters) {
            FilterHolder filter = new FilterHolder(f);
            filter.setAsyncSupported(true);
            context.addFilter(filter, path, EnumSet.of(DispatcherType.REQUEST));
        }
    }

    @Override
    public long leadToolListings() {
        return leadListings.count();
    }

    @Override
    public boolean awaitLeadTools(long seen, Duration timeout) throws InterruptedException {
        return leadListings.awaitMoreThan(seen, timeout.toMillis());
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public McpAccess leadAccess() {
        return new McpAccess(url(LEAD_PATH), leadToken);
    }

    @Override
    public synchronized McpAccess workerAccess(String workerId) {
        String token = workerTokens.entrySet().stream().filter(e -> e.getValue().equals(workerId))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (token == null) {
            token = newToken();
            store.saveToken(sessionId, workerId, token);
            workerTokens.put(token, workerId);
        }
        return new McpAccess(url(WORKER_PATH), token);
    }

    @Override
    public void close() {
        servers.forEach(McpSyncServer::closeGracefully);
        try {
            jetty.stop();
        } catch (Exception e) {
            // Stopping at session end; the process exits soon after anyway.
        }
    }
}
