package io.agentorchestr.dashboard;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Set;

/**
 * Who may read the dashboard. The Host must be this server as the browser reached it (421 otherwise:
 * a DNS-rebinding page cannot read it) and a cross-site Origin is refused (403). Then the token: from
 * the printed URL once ({@code /?token=...}, answered with an HttpOnly, SameSite=Strict cookie and a
 * redirect that drops the token from the address bar), from that cookie, or as
 * {@code Authorization: Bearer}. Static files and {@code /healthz} hold no data and need no token.
 */
final class AccessGate implements Filter {
    static final String COOKIE = "agentorchestr_dashboard";
    private static final Set<String> PUBLIC = Set.of(StaticFiles.HEALTH, "/app.js", "/app.css", "/favicon.svg");

    private final String token;
    private final HostPolicy hosts;

    private static final java.util.List<String> READ_METHODS = java.util.List.of("GET", "HEAD");

    AccessGate(String token, HostPolicy hosts) {
        this.token = token;
        this.hosts = hosts;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!READ_METHODS.contains(request.getMethod())) {
            // TRACE would echo the request (cookie included) back to whoever sent it.
            response.setHeader("Allow", String.join(", ", READ_METHODS));
            Replies.error(response, 405, "the dashboard only reads: use GET (or HEAD)");
            return;
        }
        String host = request.getHeader("Host");
        if (!hosts.allows(host)) {
            Replies.error(response, 421, "this dashboard does not answer for the host '" + Replies.shown(host)
                    + "'; open the URL agentorchestr --dashboard printed");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals("http://" + host)) {
            Replies.error(response, 403, "requests from other sites (Origin " + Replies.shown(origin)
                    + ") are refused");
            return;
        }
        String path = request.getRequestURI();
        if (PUBLIC.contains(path)) {
            chain.doFilter(req, res);
            return;
        }
        String given = request.getParameter("token");
        if (given != null && path.equals("/") && "GET".equals(request.getMethod())) {
            if (DashboardToken.matches(token, given)) {
                response.addHeader("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
                response.setHeader("Cache-Control", "no-store");
                response.setStatus(303);
                response.setHeader("Location", "/");
                return;
            }
            refuse(request, response, "the token in the URL is not this dashboard's (it changes with --new-token)");
            return;
        }
        if (DashboardToken.matches(token, bearer(request)) || DashboardToken.matches(token, cookie(request))) {
            chain.doFilter(req, res);
            return;
        }
        refuse(request, response, "no valid token: open the URL agentorchestr --dashboard printed (it carries the "
                + "token), or send Authorization: Bearer <token>");
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String why)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"agentorchestr\"");
        if (request.getRequestURI().startsWith("/api/")) {
            Replies.error(response, 401, why);
        } else {
            Replies.page(response, 401, "agentorchestr dashboard", why);
        }
    }

    private static String bearer(HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        // The scheme's name is case-insensitive (RFC 9110): "bearer" is Bearer.
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }
}
