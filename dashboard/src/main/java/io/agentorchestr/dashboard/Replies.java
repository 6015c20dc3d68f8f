package io.agentorchestr.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agentorchestr.core.text.TerminalText;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writing answers: JSON (UTF-8, no caching), JSON errors, and a minimal HTML page with escaped text. */
final class Replies {
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Replies() {
    }

    static void json(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        json(response, status, Map.of("error", message, "status", status));
    }

    /** A page with a title and one paragraph, both escaped. */
    static void page(HttpServletResponse response, int status, String title, String text) throws IOException {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title)
                + "</title><link rel=\"stylesheet\" href=\"/app.css\"></head><body><main class=\"notice\"><h1>"
                + html(title) + "</h1><p>" + html(text) + "</p></main></body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Text for HTML: control characters and escapes removed, then the five special characters escaped. */
    static String html(String text) {
        return TerminalText.safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** A header value for a message: short and harmless. */
    static String shown(String value) {
        String s = TerminalText.safe(String.valueOf(value)).replace('\n', ' ');
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
