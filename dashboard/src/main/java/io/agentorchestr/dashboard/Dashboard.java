package io.agentorchestr.dashboard;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.store.StoreReader;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * {@code agentorchestr --dashboard}: the web view of every session, served by embedded Jetty on one
 * address (127.0.0.1 unless asked otherwise), reading the state store while sessions write to it.
 */
public final class Dashboard implements AutoCloseable {
    private final Server jetty;
    private final int port;
    private final InetAddress bind;
    private final String token;
    private final StoreReader store;
    private final FileChanges changes;
    private final EventFeed feed;
    private final Streams streams;

    /** Where to listen, which store to read, and where the token is kept. */
    /** @param usage how agents' usage is read, for the workers' tokens and cost (nothing: {@code UsageMeter.NONE}) */
    public record Settings(InetAddress bind, int port, Path stateDb, Path tokenFile, boolean newToken, Git git,
                           io.agentorchestr.core.cost.UsageMeter usage) {
        public Settings(InetAddress bind, int port, Path stateDb, Path tokenFile, boolean newToken, Git git) {
            this(bind, port, stateDb, tokenFile, newToken, git, io.agentorchestr.core.cost.UsageMeter.NONE);
        }
    }

    private Dashboard(Server jetty, int port, InetAddress bind, String token, StoreReader store, FileChanges changes,
                      EventFeed feed, Streams streams) {
        this.jetty = jetty;
        this.port = port;
        this.bind = bind;
        this.token = token;
        this.store = store;
        this.changes = changes;
        this.feed = feed;
        this.streams = streams;
    }

    /** Request threads: live streams hold one each ({@link Streams#MAX_STREAMS} at most), the rest serve requests. */
    static final int THREADS = 128;

    public static Dashboard start(Settings s) {
        String token = DashboardToken.load(s.tokenFile(), s.newToken());
        StoreReader store = StoreReader.open(s.stateDb());
        FileChanges changes = new FileChanges();
        EventFeed feed = new EventFeed(store, changes);
        DashboardData data = new DashboardData(store, s.git(), s.usage());
        Streams streams = new Streams(data, feed, changes);

        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 4);
        threads.setName("dashboard-http");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(s.bind().getHostAddress());
        connector.setPort(s.port());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new Headers()), "/*", EnumSet.of(DispatcherType.REQUEST));
        // The port is known once bound; the gate reads it then.
        HostGateHolder gate = new HostGateHolder(token);
        context.addFilter(new FilterHolder(gate), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new ApiServlet(data, streams, new ApiDocs())), "/api/*");
        context.addServlet(new ServletHolder(new StaticFiles(data)), "/");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            feed.close();
            changes.close();
            store.close();
            stopQuietly(jetty);
            throw failedToListen(s, e);
        }
        int port = connector.getLocalPort();
        gate.open(HostPolicy.of(s.bind(), port));
        return new Dashboard(jetty, port, s.bind(), token, store, changes, feed, streams);
    }

    private static AgentorchestrException failedToListen(Settings s, Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        if (cause instanceof BindException || String.valueOf(e.getMessage()).contains("in use")) {
            return AgentorchestrException.error("port " + s.port() + " on " + s.bind().getHostAddress() + " is in use "
                    + "(another dashboard?); pick another with --port N, or --port 0 for any free port", e);
        }
        return AgentorchestrException.error("cannot serve the dashboard on " + s.bind().getHostAddress() + ":"
                + s.port() + ": " + e.getMessage() + "; check --bind and --port", e);
    }

    public int port() {
        return port;
    }

    /** The address to open: it carries the token, which the first visit turns into a cookie. */
    public String url() {
        String host = bind.isAnyLocalAddress() ? "127.0.0.1" : bind.getHostAddress();
        return "http://" + host + ":" + port + "/?token=" + token;
    }

    public String token() {
        return token;
    }

    /** Blocks until the dashboard is stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() {
        streams.close();
        stopQuietly(jetty);
        feed.close();
        changes.close();
        store.close();
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }

    /** Headers every answer carries: no sniffing, no framing, no referrer, scripts from here only. */
    private static final class Headers implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletResponse r = (HttpServletResponse) res;
            r.setHeader("Content-Security-Policy", StaticFiles.CSP);
            r.setHeader("X-Content-Type-Options", "nosniff");
            r.setHeader("X-Frame-Options", "DENY");
            r.setHeader("Referrer-Policy", "no-referrer");
            chain.doFilter(req, res);
        }
    }

    /** The access gate, made once the port is known; until then every request waits for it. */
    private static final class HostGateHolder implements Filter {
        private final String token;
        private volatile AccessGate gate;

        HostGateHolder(String token) {
            this.token = token;
        }

        void open(HostPolicy hosts) {
            gate = new AccessGate(token, hosts);
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            AccessGate g = gate;
            if (g == null) {
                Replies.error((HttpServletResponse) res, 503, "the dashboard is starting; try again in a moment");
                return;
            }
            g.doFilter(req, res, chain);
        }
    }
}
