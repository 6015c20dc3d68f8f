package io.agentorchestr.cli.mcp;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Host and Origin must name this machine's loopback, exactly: a DNS-rebinding page has a foreign Host,
 * a cross-site page a foreign Origin. Parsed, not matched with wildcards: "http://127.0.0.1:*" also
 * matched {@code http://127.0.0.1:1@evil}, whose host is evil.
 */
final class LoopbackHeaders implements ServerTransportSecurityValidator {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Pattern HOST = Pattern.compile("(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d{1,5})?");

    @Override
    public void validateHeaders(Map<String, List<String>> headers) throws ServerTransportSecurityException {
        List<String> hosts = header(headers, "Host");
        if (hosts.size() != 1 || !HOST.matcher(hosts.get(0).toLowerCase(Locale.ROOT)).matches()) {
            throw new ServerTransportSecurityException(421, "this MCP server answers only requests for 127.0.0.1 "
                    + "or localhost (the Host header)");
        }
        List<String> origins = header(headers, "Origin");
        if (origins.size() > 1 || origins.size() == 1 && !loopbackOrigin(origins.get(0))) {
            throw new ServerTransportSecurityException(403, "requests from web pages of other sites are refused "
                    + "(the Origin header must be http://127.0.0.1:<port> or http://localhost:<port>)");
        }
    }

    static boolean loopbackOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            return false;
        }
        String host = uri.getHost();
        return "http".equalsIgnoreCase(uri.getScheme()) && uri.getRawUserInfo() == null && host != null
                && LOOPBACK.contains(host.toLowerCase(Locale.ROOT))
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawAuthority().equals(host + (uri.getPort() < 0 ? ""
                : ":" + uri.getPort()));
    }

    private static List<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }
}
