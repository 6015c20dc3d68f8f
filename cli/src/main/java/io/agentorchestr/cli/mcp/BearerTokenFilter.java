package io.agentorchestr.cli.mcp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Predicate;

/** Refuses any request without an accepted bearer token (HTTP 401), before the MCP transport sees it. */
final class BearerTokenFilter implements Filter {
    static final String TOKEN_ATTRIBUTE = "agentorchestr.token";

    private final Predicate<String> accepted;
    private final java.util.function.Function<String, String> whyRefused;

    /**
     * @param whyRefused for a token that is not accepted, why (a revoked worker token says whose and
     *                   why), or null for the generic answer
     */
    BearerTokenFilter(Predicate<String> accepted, java.util.function.Function<String, String> whyRefused) {
        this.accepted = accepted;
        this.whyRefused = whyRefused;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String token = token(request.getHeader("Authorization"));
        if (token == null || !accepted.test(token)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"agentorchestr\"");
            response.setContentType("application/json");
            String why = token == null ? null : whyRefused.apply(token);
            String message = why != null ? why : "missing or invalid bearer token; use the token from the MCP "
                    + "configuration agentorchestr wrote for this agent";
            response.getOutputStream().write(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                    .put("error", message).toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        request.setAttribute(TOKEN_ATTRIBUTE, token);
        chain.doFilter(req, res);
    }

    private static String token(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = header.substring(7).strip();
        return t.isEmpty() ? null : t;
    }

    /** Constant-time comparison: the token is a secret. */
    static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
