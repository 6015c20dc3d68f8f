package io.agentorchestr.dashboard;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A server-sent-events answer: headers, then events and keep-alive comments, each flushed at once. */
final class SseWriter {
    private final OutputStream out;

    SseWriter(HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        this.out = response.getOutputStream();
        response.flushBuffer();
    }

    /** One event; {@code id} may be null. The data is one JSON line (JSON escapes every newline). */
    void send(String id, String event, Object data) throws IOException {
        StringBuilder s = new StringBuilder();
        if (id != null) {
            s.append("id: ").append(id).append('\n');
        }
        s.append("event: ").append(event).append('\n');
        s.append("data: ").append(Replies.JSON.writeValueAsString(data)).append("\n\n");
        write(s.toString());
    }

    /** A comment line: keeps proxies and the browser from closing an idle stream, and finds a gone client. */
    void keepAlive() throws IOException {
        write(": keep-alive\n\n");
    }

    /** How soon the browser reconnects after the stream drops. */
    void retry(int millis) throws IOException {
        write("retry: " + millis + "\n\n");
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
