package io.agentorchestr.cli.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The transport's suspended event streams: each request answered by SSE is suspended here, and a
 * heartbeat probes them all now and then, so a client that went away is noticed by the failed write
 * and its call cancelled.
 */
final class OpenStreams {
    private static final String EVENT_STREAM = "text/event-stream";

    private final McpJsonMapper json;
    private final Map<SseStream, Boolean> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mcp-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** @param every how often the streams are probed */
    OpenStreams(McpJsonMapper json, Duration every) {
        this.json = json;
        heartbeat.scheduleWithFixedDelay(this::probe, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Suspends the request as an event stream, probed by the heartbeat until it ends. */
    SseStream open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(EVENT_STREAM);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        SseStream stream = new SseStream(async, response.getWriter(), json);
        open.put(stream, Boolean.TRUE);
        stream.whenGone(() -> open.remove(stream));
        return stream;
    }

    void stopProbing() {
        heartbeat.shutdownNow();
    }

    void closeAll() {
        List.copyOf(open.keySet()).forEach(SseStream::close);
    }

    /** Writes a heartbeat into every suspended stream; a failed write ends the stream and cancels its call. */
    private void probe() {
        for (SseStream s : List.copyOf(open.keySet())) {
            try {
                s.heartbeat();
            } catch (RuntimeException e) {
                s.close();
            }
        }
    }
}
