package io.agentorchestr.dashboard;

import io.agentorchestr.core.store.StoreReader;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The page, its script and its style, from the jar (no build step). Every answer carries a content
 * security policy that allows scripts and styles from this server only: no inline script runs, so
 * text that slipped into the page as markup still could not act.
 */
final class StaticFiles extends HttpServlet {
    /** Where a monitor asks whether the dashboard is up (no token needed, no data in it). */
    static final String HEALTH = "/healthz";
    private static final long serialVersionUID = 1L;
    /** Where index.html takes the first page of sessions (see {@link #firstPage}). */
    static final String FIRST_PAGE = "<!--first-page-->";
    private static final int FIRST_PAGE_SIZE = 50;
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/app.css", "app.css",
            "/favicon.svg", "favicon.svg");
    private static final Map<String, String> TYPES = Map.of("html", "text/html", "js", "text/javascript",
            "css", "text/css", "svg", "image/svg+xml");

    private final transient DashboardData data;

    StaticFiles(DashboardData data) {
        this.data = data;
    }

    /**
     * The sessions list's first page, as /api/sessions gives it, in the page itself: the script draws it
     * before the page has loaded (a screenshot or a slow network sees the list, not an empty page), and
     * live events update it from there. A data block, not a script: the content security policy stands.
     * {@code <} is escaped so no text in it can close the block.
     */
    private String firstPage() throws IOException {
        String json = Replies.JSON.writeValueAsString(data.sessions(new StoreReader.SessionQuery(null, null,
                FIRST_PAGE_SIZE, 0)));
        return "<script id=\"first-page\" type=\"application/json\">" + json.replace("<", "\\u003c")
                + "</script>";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals(HEALTH)) {
            Replies.json(response, 200, Map.of("ok", true));
            return;
        }
        String file = FILES.get(path);
        if (file == null) {
            Replies.error(response, 404, "nothing at " + Replies.shown(path) + "; the page is at / and the API at "
                    + "/api/docs");
            return;
        }
        byte[] bytes;
        try (InputStream in = StaticFiles.class.getResourceAsStream("web/" + file)) {
            bytes = in.readAllBytes();
        }
        if (file.equals("index.html")) {
            bytes = new String(bytes, StandardCharsets.UTF_8).replace(FIRST_PAGE, firstPage())
                    .getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(200);
        response.setContentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
