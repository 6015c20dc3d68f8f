package io.agentorchestr.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API's routes are declared once; the OpenAPI document describes exactly them. */
class ApiRoutesTest {
    private static final List<Route> ROUTES = new ApiServlet(null, null, null).routes();

    @Test
    void theOpenApiDocumentHasExactlyTheRoutesAndTheHealthCheck() throws IOException {
        Set<String> documented = new TreeSet<>();
        try (InputStream in = ApiRoutesTest.class.getResourceAsStream("/io/agentorchestr/dashboard/web/openapi.json")) {
            JsonNode paths = new ObjectMapper().readTree(in).path("paths");
            paths.fieldNames().forEachRemaining(documented::add);
        }
        Set<String> served = new TreeSet<>();
        ROUTES.forEach(r -> served.add(r.pattern()));
        served.add(StaticFiles.HEALTH);

        assertEquals(served, documented, "openapi.json documents every served path, and no other");
    }

    @Test
    void aPathMatchesItsRouteWithItsVariablesAndNoOther() {
        List<String> path = Route.segments("/api/sessions/ab12cd34/workers/w03/output");
        List<Route> matching = ROUTES.stream().filter(r -> r.match(path).isPresent()).toList();

        assertEquals(1, matching.size(), matching.toString());
        assertEquals(Map.of("id", "ab12cd34", "wid", "w03"), matching.get(0).match(path).orElseThrow());
        assertTrue(ROUTES.stream().noneMatch(r -> r.match(Route.segments("/api/sessions/x/bogus")).isPresent()));
    }
}
