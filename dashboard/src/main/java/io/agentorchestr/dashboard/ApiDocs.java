package io.agentorchestr.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The API's documentation: an OpenAPI 3.1 document (a resource, the one source), and a readable page
 * made from it: each path with its parameters and answers.
 */
final class ApiDocs {
    private final byte[] spec;
    private final JsonNode tree;

    ApiDocs() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("web/openapi.json")) {
            this.spec = in.readAllBytes();
            this.tree = Replies.JSON.readTree(spec);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the dashboard's openapi.json is missing from its jar", e);
        }
    }

    void spec(HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(spec.length);
        response.getOutputStream().write(spec);
    }

    void page(HttpServletResponse response) throws IOException {
        StringBuilder h = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>agentorchestr dashboard API</title><link rel=\"stylesheet\" href=\"/app.css\"></head><body>"
                + "<main class=\"docs\"><h1>").append(Replies.html(tree.path("info").path("title").asText()))
                .append("</h1><p>").append(Replies.html(tree.path("info").path("description").asText()))
                .append("</p><p><a href=\"/api/openapi.json\">OpenAPI 3.1 document</a></p>");
        Iterator<Map.Entry<String, JsonNode>> paths = tree.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode get = path.getValue().path("get");
            h.append("<section><h2><code>GET ").append(Replies.html(path.getKey())).append("</code></h2><p>")
                    .append(Replies.html(get.path("summary").asText())).append("</p>");
            if (get.has("description")) {
                h.append("<p>").append(Replies.html(get.path("description").asText())).append("</p>");
            }
            if (get.path("parameters").size() > 0) {
                h.append("<table><tr><th>parameter</th><th>in</th><th>what</th></tr>");
                for (JsonNode p : get.path("parameters")) {
                    h.append("<tr><td><code>").append(Replies.html(p.path("name").asText())).append("</code></td><td>")
                            .append(Replies.html(p.path("in").asText())).append("</td><td>")
                            .append(Replies.html(p.path("description").asText())).append("</td></tr>");
                }
                h.append("</table>");
            }
            h.append("<ul>");
            Iterator<Map.Entry<String, JsonNode>> answers = get.path("responses").fields();
            while (answers.hasNext()) {
                Map.Entry<String, JsonNode> a = answers.next();
                h.append("<li><code>").append(Replies.html(a.getKey())).append("</code> ")
                        .append(Replies.html(a.getValue().path("description").asText())).append("</li>");
            }
            h.append("</ul></section>");
        }
        h.append("</main></body></html>");
        byte[] bytes = h.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

}
