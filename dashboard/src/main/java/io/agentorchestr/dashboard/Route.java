package io.agentorchestr.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One path of the API, declared once: its pattern as the OpenAPI document writes it ({@code {name}}
 * takes one segment) and what answers it. The document is checked against the routes by a test.
 */
record Route(String pattern, Handler handler) {
    @FunctionalInterface
    interface Handler {
        void handle(Map<String, String> vars, Params params, HttpServletRequest request, HttpServletResponse response)
                throws IOException;
    }

    /** The path's variables when {@code segments} (the path split at "/") is this route. */
    Optional<Map<String, String>> match(List<String> segments) {
        List<String> expected = segments(pattern);
        if (expected.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            String e = expected.get(i);
            if (e.startsWith("{") && e.endsWith("}")) {
                vars.put(e.substring(1, e.length() - 1), segments.get(i));
            } else if (!e.equals(segments.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(vars);
    }

    static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
    }
}
