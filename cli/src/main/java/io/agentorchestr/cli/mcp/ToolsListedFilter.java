package io.agentorchestr.cli.mcp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Notices when a client lists its tools ({@code tools/list}), which is when an agent can call them:
 * the lead's goal is handed over only then. JSON-RPC bodies are small; the filter reads one and
 * passes the same bytes on.
 */
final class ToolsListedFilter implements Filter {
    private static final Pattern TOOLS_LIST = Pattern.compile("\"method\"\\s*:\\s*\"tools/list\"");
    private static final int MAX_PEEK = 1 << 20;

    private final Listings listings;

    ToolsListedFilter(Listings listings) {
        this.listings = listings;
    }

    /** How often tools were listed; a relaunched lead lists them again, so this counts, not latches. */
    static final class Listings {
        private long count;

        synchronized void add() {
            count++;
            notifyAll();
        }

        synchronized long count() {
            return count;
        }

        synchronized boolean awaitMoreThan(long seen, long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (count <= seen) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (!"POST".equals(request.getMethod()) || request.getContentLength() > MAX_PEEK) {
            chain.doFilter(req, res);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        if (TOOLS_LIST.matcher(new String(body, StandardCharsets.UTF_8)).find()) {
            listings.add();
        }
        chain.doFilter(new Replayed(request, body), res);
    }

    /** The request with its body read again from memory. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the replayed body is read synchronously; async reads are not offered");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
