package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.rpc.RpcError;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * MCP's Streamable HTTP transport as a servlet that never parks a thread on a call: a request is
 * checked (JSON-RPC shape, MCP parameters, body size while it streams in), handed to the SDK's
 * session, and the servlet returns at once with the response suspended; the answer is written when
 * the tool's result arrives. A client that cancels ({@code notifications/cancelled}) or goes away
 * (a heartbeat write fails, or the container reports the connection broken) cancels the call.
 */
final class StreamableHttpTransport extends HttpServlet implements McpStreamableServerTransportProvider {
    private static final long serialVersionUID = 1L;
    static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String JSON_TYPE = "application/json";

    private final transient McpJsonMapper json;
    private final transient ServerTransportSecurityValidator security;
    private final transient Function<HttpServletRequest, McpTransportContext> context;
    private final transient Function<JsonRpcCheck.Message, Optional<RpcError>> mcpCheck;
    private final transient BiConsumer<McpTransportContext, String> methods;
    private final int maxBodyBytes;
    private final transient Map<String, McpStreamableServerSession> sessions = new ConcurrentHashMap<>();
    private final transient InFlightCalls inFlight = new InFlightCalls();
    private final transient OpenStreams streams;
    private transient McpStreamableServerSession.Factory sessionFactory;
    private volatile boolean closing;

    /**
     * @param mcpCheck  MCP-level checks of a request (a tool that does not exist...), beyond JSON-RPC's
     * @param methods   told the caller and method of every request (tools/list is when an agent can call tools)
     *                  and of every notification in a live MCP session (notifications/initialized: connected)
     * @param heartbeat how often suspended streams are probed for a client that went away
     */
    StreamableHttpTransport(McpJsonMapper json, ServerTransportSecurityValidator security,
                            Function<HttpServletRequest, McpTransportContext> context,
                            Function<JsonRpcCheck.Message, Optional<RpcError>> mcpCheck,
                            BiConsumer<McpTransportContext, String> methods,
                            int maxBodyBytes, Duration heartbeat) {
        this.json = json;
        this.security = security;
        this.context = context;
        this.mcpCheck = mcpCheck;
        this.methods = methods;
        this.maxBodyBytes = maxBodyBytes;
        this.streams = new OpenStreams(json, heartbeat);
    }

    /** How many calls are waiting for their answer now. */
    int callsInFlight() {
        return inFlight.size();
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    @Override
    public List<String> protocolVersions() {
        return McpStreamableServerTransportProvider.super.protocolVersions();
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Flux.fromIterable(sessions.values())
                .flatMap(s -> s.sendNotification(method, params).onErrorComplete()).then();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closing = true;
            streams.stopProbing();
            // Calls still waiting get an answer, an error a client retries, rather than a stream that
            // ends without one (which some clients wait on for as long as their own timeout).
            inFlight.failAll("agentorchestr stopped serving this session (it ended, or it paused and can be "
                    + "resumed); if it comes back, make the call again");
            streams.closeAll();
            sessions.values().forEach(McpStreamableServerSession::close);
            sessions.clear();
        });
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            post(request, response);
        } catch (RuntimeException e) {
            // Whatever slipped past the checks still gets an answer in JSON-RPC's terms, never a 500 page.
            if (!response.isCommitted()) {
                HttpReplies.reply(response, new RpcError(-32603, "agentorchestr could not handle this message ("
                        + e.getClass().getSimpleName() + "); check it against JSON-RPC 2.0 and MCP", null, 400));
            }
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (refused(request, response)) {
            return;
        }
        Optional<String> read = HttpReplies.body(request, maxBodyBytes);
        if (read.isEmpty()) {
            // Closing the connection stops the client's upload here instead of reading the rest to discard it.
            response.setHeader("Connection", "close");
            HttpReplies.reply(response, new RpcError(RpcError.INVALID_REQUEST, "the request body is larger than " + maxBodyBytes
                    + " bytes; send less (long texts belong in files the agent can read)", null, 413));
            return;
        }
        String body = read.get();
        JsonRpcCheck.Result checked = JsonRpcCheck.read(body);
        if (checked.error() != null) {
            HttpReplies.reply(response, checked.error());
            return;
        }
        JsonRpcCheck.Message m = checked.message();
        Optional<RpcError> problem = JsonRpcCheck.paramsProblem(m)
                .map(p -> m.id() == null ? RpcError.invalidRequest(p, null) : RpcError.invalidParams(p, m.id()))
                .or(() -> m.kind() == JsonRpcCheck.Kind.REQUEST ? mcpCheck.apply(m) : Optional.empty());
        if (problem.isPresent()) {
            HttpReplies.reply(response, problem.get());
            return;
        }
        if (m.kind() == JsonRpcCheck.Kind.RESPONSE) {
            HttpReplies.reply(response, RpcError.invalidRequest("this server asked nothing of its clients, so there is nothing to "
                    + "answer: a message with \"result\" or \"error\" and no \"method\" is a response; send requests "
                    + "and notifications only", null));
            return;
        }
        if (m.kind() == JsonRpcCheck.Kind.REQUEST) {
            methods.accept(context.apply(request), m.method());
        }
        if ("initialize".equals(m.method()) && m.kind() == JsonRpcCheck.Kind.REQUEST) {
            initialize(request, response, m, body);
            return;
        }
        String sessionId = request.getHeader(SESSION_HEADER);
        if (sessionId == null || sessionId.isBlank()) {
            HttpReplies.reply(response, RpcError.invalidRequest("the " + SESSION_HEADER + " header is missing; send initialize "
                    + "first and pass the session id it returns", m.id()));
            return;
        }
        McpStreamableServerSession session = sessions.get(sessionId);
        if (session == null) {
            HttpReplies.reply(response, RpcError.invalidRequest("no MCP session " + sessionId + " (it ended, or this server "
                    + "restarted); send initialize again", m.id()).withHttpStatus(404));
            return;
        }
        McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(json, body);
        McpTransportContext ctx = context.apply(request);
        if (m.kind() == JsonRpcCheck.Kind.REQUEST) {
            call(request, response, session, (McpSchema.JSONRPCRequest) message, m.id(), ctx);
            return;
        }
        methods.accept(ctx, m.method());
        JsonNode cancelled = m.params().path("requestId");
        if ("notifications/cancelled".equals(m.method()) && !cancelled.isMissingNode() && !cancelled.isNull()) {
            inFlight.cancel(sessionId, cancelled);
        }
        session.accept((McpSchema.JSONRPCNotification) message)
                .contextWrite(c -> c.put(McpTransportContext.KEY, ctx)).onErrorComplete().subscribe();
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
    }

    private void initialize(HttpServletRequest request, HttpServletResponse response, JsonRpcCheck.Message m,
                            String body) throws IOException {
        McpSchema.JSONRPCRequest rpc = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(json, body);
        McpSchema.InitializeRequest init;
        try {
            init = json.convertValue(rpc.params(), new TypeRef<McpSchema.InitializeRequest>() {
            });
        } catch (IllegalArgumentException e) {
            HttpReplies.reply(response, RpcError.invalidParams("initialize: the params are not an InitializeRequest", m.id()));
            return;
        }
        McpStreamableServerSession.McpStreamableServerSessionInit started = sessionFactory.startSession(init);
        sessions.put(started.session().getId(), started.session());
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        started.initResult().subscribe(result -> {
            try {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setHeader(SESSION_HEADER, started.session().getId());
                response.setContentType(JSON_TYPE);
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write(json.writeValueAsString(McpSchema.JSONRPCResponse.result(rpc.id(), result)));
            } catch (IOException e) {
                // the client went away before its answer; the session stays until it is deleted
            } finally {
                async.complete();
            }
        }, error -> {
            try {
                HttpReplies.reply(response, new RpcError(-32603, "initialize failed: " + error.getMessage(), m.id(), 500));
            } catch (IOException ignored) {
                // the client went away
            } finally {
                async.complete();
            }
        });
    }

    /** Hands a request to its session; the answer is written to a suspended SSE response when it comes. */
    private void call(HttpServletRequest request, HttpServletResponse response, McpStreamableServerSession session,
                      McpSchema.JSONRPCRequest rpc, JsonNode id, McpTransportContext ctx) throws IOException {
        SseStream stream = streams.open(request, response).answering(id);
        Disposable call = session.responseStream(rpc, stream)
                .contextWrite(c -> c.put(McpTransportContext.KEY, ctx))
                .subscribe(null, error -> stream.close(), () -> { });
        inFlight.track(session.getId(), id, call, stream);
    }

    /** GET opens the session's listening stream (server-to-client messages). */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (refused(request, response)) {
            return;
        }
        String accept = String.valueOf(request.getHeader("Accept"));
        if (!accept.contains(EVENT_STREAM)) {
            HttpReplies.reply(response, RpcError.invalidRequest("GET opens an event stream: send Accept: " + EVENT_STREAM, null)
                    .withHttpStatus(406));
            return;
        }
        McpStreamableServerSession session = sessions.get(String.valueOf(request.getHeader(SESSION_HEADER)));
        if (session == null) {
            HttpReplies.reply(response, RpcError.invalidRequest("no such MCP session; send initialize first", null)
                    .withHttpStatus(404));
            return;
        }
        SseStream stream = streams.open(request, response);
        McpStreamableServerSession.McpStreamableServerSessionStream listening = session.listeningStream(stream);
        stream.whenGone(listening::close);
    }

    /** DELETE ends a session. */
    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (refused(request, response)) {
            return;
        }
        String id = String.valueOf(request.getHeader(SESSION_HEADER));
        McpStreamableServerSession session = sessions.remove(id);
        if (session == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        inFlight.cancelSession(id);
        session.delete().onErrorComplete().subscribe();
        response.setStatus(HttpServletResponse.SC_OK);
    }

    /** Shutting down, or a Host/Origin that is not loopback: answered here, true when refused. */
    private boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (closing) {
            HttpReplies.reply(response, new RpcError(-32000, "the agentorchestr session is ending", null, 503));
            return true;
        }
        Map<String, List<String>> headers = new java.util.HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        try {
            security.validateHeaders(headers);
            return false;
        } catch (ServerTransportSecurityException e) {
            HttpReplies.reply(response, new RpcError(RpcError.INVALID_REQUEST, e.getMessage(), null, e.getStatusCode()));
            return true;
        }
    }

}
