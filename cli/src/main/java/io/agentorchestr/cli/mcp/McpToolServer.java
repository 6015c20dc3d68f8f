package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.rpc.RpcError;
import io.agentorchestr.cli.VersionProvider;
import io.agentorchestr.core.agent.McpAccess;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.discovery.ExternalAgents;
import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.goal.ToolServer;
import io.agentorchestr.core.goal.ToolServer.Binding;
import io.agentorchestr.core.model.StateStore;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The session's MCP server (the SDK's server on our non-blocking Streamable HTTP transport, in
 * embedded Jetty), bound to 127.0.0.1 on a port the OS picks. {@code /mcp} serves the lead's tools
 * to the lead's token; {@code /worker/mcp} serves the worker tools to each worker's own token, until
 * the worker finishes and its token is revoked. Host and Origin must be loopback. Tool handlers run
 * on a bounded pool; waits hold no thread.
 */
public final class McpToolServer implements ToolServer {
    static final String CALLER_KEY = "agentorchestr.caller";
    public static final String LEAD_PATH = "/mcp";
    public static final String WORKER_PATH = "/worker/mcp";
    /** Tool handlers running at once; one more is refused with a clear error. */
    static final int MAX_BUSY = 32;
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Server jetty;
    private final int port;
    private final String leadToken;
    private final WorkerTokens workerTokens;
    private final List<McpAsyncServer> servers;
    private final List<StreamableHttpTransport> transports;
    private final ThreadPoolExecutor toolThreads;
    private final ToolListings listings;
    private final ExternalAgentTools externalTools;
    private final List<String> leadToolNames;

    private McpToolServer(Server jetty, int port, String leadToken, WorkerTokens workerTokens,
                          List<McpAsyncServer> servers, List<StreamableHttpTransport> transports,
                          ThreadPoolExecutor toolThreads, ToolListings listings, ExternalAgentTools externalTools,
                          List<String> leadToolNames) {
        this.jetty = jetty;
        this.port = port;
        this.leadToken = leadToken;
        this.workerTokens = workerTokens;
        this.servers = servers;
        this.transports = transports;
        this.toolThreads = toolThreads;
        this.listings = listings;
        this.externalTools = externalTools;
        this.leadToolNames = List.copyOf(leadToolNames);
    }

    /** The factory the goal use case calls: one server per session, its events and tokens in the session's store. */
    public static ToolServer.Factory factory(Supplier<ExternalAgents> external,
                                             SessionModels models) {
        return (supervisor, binding) -> start(supervisor, binding, external, models);
    }

    /** {@code external} is called when the lead first uses an external-agent tool. */
    public static McpToolServer start(Supervisor supervisor, Binding binding, Supplier<ExternalAgents> external,
                                      SessionModels models) {
        StateStore store = supervisor.store();
        String sessionId = supervisor.session().id();
        String leadToken = binding.tokens().getOrDefault("lead", newToken());
        store.saveToken(sessionId, "lead", leadToken);
        WorkerTokens workerTokens = new WorkerTokens(store, sessionId, binding.tokens());
        ThreadPoolExecutor toolThreads = toolThreads();
        Scheduler scheduler = Schedulers.fromExecutorService(toolThreads, "mcp-tools");
        ToolCalls calls = new ToolCalls(store, sessionId, supervisor.leadActivity(), scheduler, MAX_BUSY);
        ToolListings listings = new ToolListings();
        BiConsumer<McpTransportContext, String> counted = (caller, method) -> {
            String who = String.valueOf(caller.get(CALLER_KEY));
            if ("tools/list".equals(method)) {
                listings.add(who);
            } else if ("notifications/initialized".equals(method) && LEAD.equals(who)) {
                supervisor.leadActivity().connected();
            }
        };
        ExternalAgentTools externalTools = new ExternalAgentTools(external);
        ToolCatalog catalog = ToolCatalog.of(supervisor, externalTools, models);
        supervisor.perspectives().requireKnownTools(catalog.workerToolNames(),
                java.nio.file.Path.of(supervisor.session().project()));
        List<AsyncToolSpecification> leadTools = catalog.forRole(ToolRole.LEAD).stream()
                .map(e -> calls.spec(e, ToolRole.LEAD)).toList();
        List<AsyncToolSpecification> workerToolSpecs = catalog.forRole(ToolRole.WORKER).stream()
                .map(e -> calls.spec(e, ToolRole.WORKER)).toList();
        StreamableHttpTransport lead = transport(request -> LEAD, leadTools, counted);
        StreamableHttpTransport worker = transport(request -> workerTokens.owner(
                String.valueOf(request.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE))), workerToolSpecs, counted);
        McpAsyncServer leadServer = server(lead, leadTools, "Tools to lead a team of coding agents: spawn workers, "
                + "wait for them, merge and verify their work, then mark the goal.");
        McpAsyncServer workerServer = server(worker, workerToolSpecs, "Tools for an agentorchestr worker: report "
                + "your outcome and progress, ask the lead.");

        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("mcp-http");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(binding.port());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        mount(context, lead, LEAD_PATH, new BearerTokenFilter(t -> BearerTokenFilter.same(t, leadToken), t -> null));
        mount(context, worker, WORKER_PATH, new BearerTokenFilter(workerTokens::accepted, workerTokens::whyRefused));
        jetty.setHandler(context);
        startJetty(jetty, connector);
        return new McpToolServer(jetty, connector.getLocalPort(), leadToken, workerTokens,
                List.of(leadServer, workerServer), List.of(lead, worker), toolThreads, listings, externalTools,
                catalog.forRole(ToolRole.LEAD).stream().map(ToolEntry::name).toList());
    }

    private static ThreadPoolExecutor toolThreads() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, MAX_BUSY, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "mcp-tool-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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

    private static StreamableHttpTransport transport(Function<HttpServletRequest, String> caller,
                                                     List<AsyncToolSpecification> tools,
                                                     BiConsumer<McpTransportContext, String> methods) {
        List<String> names = tools.stream().map(t -> t.tool().name()).toList();
        return new StreamableHttpTransport(McpJsonDefaults.getMapper(),
                new LoopbackHeaders(),
                request -> McpTransportContext.create(Map.of(CALLER_KEY, String.valueOf(caller.apply(request)))),
                m -> unknownTool(m, names), methods, MAX_BODY_BYTES, HEARTBEAT);
    }

    /** A call of a tool this endpoint does not have, answered with the tools it does have. */
    private static Optional<RpcError> unknownTool(JsonRpcCheck.Message m, List<String> names) {
        if (!"tools/call".equals(m.method())) {
            return Optional.empty();
        }
        String name = m.params().path("name").asText();
        if (names.contains(name)) {
            return Optional.empty();
        }
        String shown = io.agentorchestr.core.text.TerminalText.firstLine(name, 60);
        return Optional.of(RpcError.invalidParams("unknown tool '" + shown + "'; the tools here are: "
                + String.join(", ", names), m.id()));
    }

    private static McpAsyncServer server(StreamableHttpTransport transport, List<AsyncToolSpecification> tools,
                                         String instructions) {
        return McpServer.async(transport)
                .serverInfo("agentorchestr", VersionProvider.version())
                .instructions(instructions)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .requestTimeout(Duration.ofHours(1))
                // ToolArgs checks arguments with messages written for agents (and reads "60" as 60).
                .validateToolInputs(false)
                .tools(tools)
                .build();
    }

    /** The transport at {@code path}, behind {@code filters} in order (authentication first). */
    private static void mount(ServletContextHandler context, StreamableHttpTransport transport, String path,
                              jakarta.servlet.Filter... filters) {
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
    public long toolListings(String owner) {
        return listings.count(owner);
    }

    @Override
    public boolean awaitTools(String owner, long seen, Duration timeout) throws InterruptedException {
        return listings.awaitMoreThan(owner, seen, timeout.toMillis());
    }

    /** Calls waiting for their answer now, on both endpoints (for tests and the benchmark). */
    public int callsInFlight() {
        return transports.stream().mapToInt(StreamableHttpTransport::callsInFlight).sum();
    }

    static String newToken() {
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
    public List<String> leadTools() {
        return leadToolNames;
    }

    @Override
    public McpAccess workerAccess(String workerId) {
        return new McpAccess(url(WORKER_PATH), workerTokens.tokenOf(workerId));
    }

    @Override
    public void revokeWorker(String workerId, String reason) {
        workerTokens.revoke(workerId, reason);
    }

    @Override
    public void close() {
        servers.forEach(s -> {
            try {
                s.closeGracefully().block(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                // closing at session end; the process exits soon after anyway
            }
        });
        try {
            jetty.stop();
        } catch (Exception e) {
            // Stopping at session end; the process exits soon after anyway.
        }
        toolThreads.shutdownNow();
        externalTools.close();
    }
}
