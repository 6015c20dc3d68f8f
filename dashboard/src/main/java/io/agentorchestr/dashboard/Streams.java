package io.agentorchestr.dashboard;

import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.WorkerRecord;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The two live streams (server-sent events): every new event of every session, resumable with
 * {@code Last-Event-ID}; and one worker's pane output as it grows. Each holds its request's thread
 * until the client goes (found by a keep-alive comment every few seconds) or the dashboard stops, so
 * at most {@value #MAX_STREAMS} are open at once, and the request threads left over always answer the
 * page, the API and /healthz: past that a stream is refused (503) with the reason.
 */
final class Streams {
    private static final long KEEP_ALIVE_MS = 10_000;
    private static final int REPLAY_BATCH = 500;
    /** Fewer than the request threads ({@link Dashboard#THREADS}) by a margin for everything else. */
    static final int MAX_STREAMS = 96;
    private final Semaphore open = new Semaphore(MAX_STREAMS);

    private final DashboardData data;
    private final EventFeed feed;
    private final FileChanges changes;
    private volatile boolean closed;

    Streams(DashboardData data, EventFeed feed, FileChanges changes) {
        this.data = data;
        this.feed = feed;
        this.changes = changes;
    }

    void events(HttpServletRequest request, HttpServletResponse response, Params params) throws IOException {
        if (!open.tryAcquire()) {
            refuse(response);
            return;
        }
        try {
            eventStream(request, response, params);
        } finally {
            open.release();
        }
    }

    void output(WorkerRecord w, HttpServletRequest request, HttpServletResponse response, Params params)
            throws IOException {
        if (!open.tryAcquire()) {
            refuse(response);
            return;
        }
        try {
            outputStream(w, request, response, params);
        } finally {
            open.release();
        }
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "30");
        Replies.error(response, 503, MAX_STREAMS + " live streams are open, the most this dashboard keeps at once; "
                + "close some dashboard tabs (each open page holds one or two)");
    }

    private void eventStream(HttpServletRequest request, HttpServletResponse response, Params params)
            throws IOException {
        String lastId = request.getHeader("Last-Event-ID");
        long after = lastId != null && lastId.matches("[0-9]{1,18}") ? Long.parseLong(lastId)
                : params.number("after", -1, -1, Long.MAX_VALUE);
        BlockingQueue<EventRecord> queue = feed.subscribe();
        try {
            SseWriter sse = new SseWriter(response);
            sse.retry(1000);
            long sent = after < 0 ? data.store().lastSeq() : after;
            // Missed events first (a reconnect), from the store; then the live ones, skipping any already sent.
            List<EventRecord> missed;
            do {
                missed = data.store().events(null, sent, REPLAY_BATCH);
                for (EventRecord e : missed) {
                    sse.send(Long.toString(e.seq()), "event", Views.event(e));
                    sent = e.seq();
                }
            } while (missed.size() == REPLAY_BATCH);
            sse.send(null, "ready", Map.of("last", sent));
            while (!closed && feed.subscribed(queue)) {
                EventRecord e = queue.poll(KEEP_ALIVE_MS, TimeUnit.MILLISECONDS);
                if (e == null) {
                    sse.keepAlive();
                } else if (e.seq() > sent) {
                    sse.send(Long.toString(e.seq()), "event", Views.event(e));
                    sent = e.seq();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            feed.unsubscribe(queue);
        }
    }

    private void outputStream(WorkerRecord w, HttpServletRequest request, HttpServletResponse response,
                              Params params) throws IOException {
        Path log = DashboardData.logOf(w);
        String lastId = request.getHeader("Last-Event-ID");
        long offset = lastId != null && lastId.matches("[0-9]{1,18}") ? Long.parseLong(lastId)
                : params.number("from", 0, 0, Long.MAX_VALUE);
        Semaphore grew = new Semaphore(0);
        Runnable unwatch = log == null ? () -> { } : changes.onChange(log.toAbsolutePath().getParent(),
                grew::release);
        try {
            SseWriter sse = new SseWriter(response);
            sse.retry(1000);
            long quietSince = System.nanoTime();
            while (!closed) {
                PaneOutput.Chunk c = data.paneOutput().after(log, offset);
                if (c.next() > offset) {
                    sse.send(Long.toString(c.next()), "output", Map.of("text", c.text(), "offset", c.next()));
                    offset = c.next();
                    quietSince = System.nanoTime();
                    continue;
                }
                if (!grew.tryAcquire(1, TimeUnit.SECONDS)
                        && System.nanoTime() - quietSince > KEEP_ALIVE_MS * 1_000_000) {
                    sse.keepAlive();
                    quietSince = System.nanoTime();
                }
                grew.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            unwatch.run();
        }
    }

    void close() {
        closed = true;
    }
}
