package io.agentorchestr.core.research;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a web page for web_research within limits: http(s) only, no private, loopback or link-local
 * address (checked again at every redirect, which is followed by hand), a size and a time limit for the
 * whole transfer, and text content types only. A page refused says why, in words for the agent.
 */
public final class PageFetcher {
    /** A page not read, and why. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private static final Set<String> TEXT_TYPES = Set.of("text/html", "application/xhtml+xml", "text/plain",
            "text/markdown");

    private final HttpClient http;
    private final ResearchSettings settings;
    private final HostResolver resolver;

    /** Name resolution, a port so that a test can place a public name on a loopback server. */
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;

        HostResolver SYSTEM = InetAddress::getAllByName;
    }

    public PageFetcher(HttpClient http, ResearchSettings settings, HostResolver resolver) {
        this.http = http;
        this.settings = settings;
        this.resolver = resolver;
    }

    public Page fetch(String url) throws Refused {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.pageTimeoutS());
        URI uri = parse(url);
        for (int hop = 0; ; hop++) {
            allowed(uri);
            HttpResponse<InputStream> response = send(uri, deadline);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("location").isPresent()) {
                close(response.body());
                if (hop == settings.maxRedirects()) {
                    throw new Refused("more than " + settings.maxRedirects() + " redirects");
                }
                uri = parse(uri.resolve(response.headers().firstValue("location").get()).toString());
                continue;
            }
            if (status != 200) {
                close(response.body());
                throw new Refused("HTTP " + status);
            }
            String type = response.headers().firstValue("content-type").orElse("");
            String mime = type.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (!TEXT_TYPES.contains(mime)) {
                close(response.body());
                throw new Refused("not a text page (" + (mime.isEmpty() ? "no content type" : mime) + ")");
            }
            long length = response.headers().firstValueAsLong("content-length").orElse(-1);
            if (length > settings.pageMaxBytes()) {
                close(response.body());
                throw new Refused(tooLarge());
            }
            byte[] body = read(response.body(), deadline);
            return PageText.of(uri.toString(), body, charset(type), mime);
        }
    }

    private URI parse(String url) throws Refused {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Refused("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("only http and https pages are read, not " + (scheme.isEmpty() ? "a relative address"
                    : scheme + ":"));
        }
        if (uri.getHost() == null) {
            throw new Refused("no host in the address");
        }
        return uri;
    }

    private void allowed(URI uri) throws Refused {
        if (settings.allowPrivate()) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("unknown host " + uri.getHost());
        }
        for (InetAddress a : addresses) {
            if (isPrivate(a)) {
                throw new Refused(uri.getHost() + " is a private or loopback address (" + a.getHostAddress() + "); "
                        + "[research] allow_private = true reads such pages");
            }
        }
    }

    static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean sharedOrZero = b.length == 4 && (b[0] == 0 || (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64);
        return a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || uniqueLocal || sharedOrZero;
    }

    private HttpResponse<InputStream> send(URI uri, long deadline) throws Refused {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(left(deadline)).header("User-Agent",
                "agentorchestr-web-research").header("Accept", "text/html,text/plain;q=0.9,*/*;q=0.1").GET().build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new Refused(slow());
        } catch (IOException e) {
            throw new Refused("could not be read (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    /** The body, up to the size limit and within the time limit: a server that drips is cut off. */
    private byte[] read(InputStream in, long deadline) throws Refused {
        CompletableFuture<byte[]> reading = CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16_384];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    if (out.size() > settings.pageMaxBytes()) {
                        return null;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toByteArray();
        }, r -> {
            // Its own thread, not a shared pool's: a read cut off by the time limit may stay blocked a while.
            Thread t = new Thread(r, "web-research-page");
            t.setDaemon(true);
            t.start();
        });
        try {
            byte[] body = reading.get(left(deadline).toMillis(), TimeUnit.MILLISECONDS);
            if (body == null) {
                throw new Refused(tooLarge());
            }
            return body;
        } catch (TimeoutException e) {
            close(in);
            throw new Refused(slow());
        } catch (ExecutionException e) {
            throw new Refused("could not be read (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            close(in);
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    private Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private String slow() {
        return "slower than " + settings.pageTimeoutS() + " s ([research] page_timeout_s)";
    }

    private String tooLarge() {
        return "larger than " + settings.pageMaxBytes() + " bytes ([research] page_max_bytes)";
    }

    private static Optional<Charset> charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Optional.of(Charset.forName(p.substring(8).replace("\"", "").strip()));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // already failing; nothing more to read from it
        }
    }
}
