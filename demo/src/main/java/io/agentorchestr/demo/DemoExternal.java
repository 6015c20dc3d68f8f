package io.agentorchestr.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A goal line with {@code [demo:external]} (every external agent) or {@code [demo:external=WORD]}
 * (those whose id, name or kind contains WORD) is not a worker's task: the lead hands its text to
 * agents running outside the session, through the four external-agent tools, and reports their answers.
 */
final class DemoExternal {
    private final McpEndpoint mcp;
    private final PrintStream out;
    private int answered;

    DemoExternal(McpEndpoint mcp, PrintStream out) {
        this.mcp = mcp;
        this.out = out;
    }

    /** Asks the matching agents; returns the problems (none found, no answer). */
    List<String> ask(DemoScript line) throws IOException {
        String wanted = line.directives().get("external");
        List<String> problems = new ArrayList<>();
        List<JsonNode> chosen = new ArrayList<>();
        for (JsonNode a : mcp.call("discover_running_agents", Map.of()).path("agents")) {
            if (wanted.isEmpty() || (a.path("id").asText() + " " + a.path("name").asText() + " "
                    + a.path("agent").asText()).contains(wanted)) {
                chosen.add(a);
            }
        }
        out.println("demo lead: " + chosen.size() + " external agent(s) for: " + line.text());
        if (chosen.isEmpty()) {
            problems.add("no external agent" + (wanted.isEmpty() ? "" : " matching " + wanted) + " is running");
        }
        for (JsonNode a : chosen) {
            String id = a.path("id").asText();
            long cursor = mcp.call("read_from_external_agent", Map.of("agent_id", id)).path("cursor").asLong();
            mcp.call("send_to_external_agent", Map.of("agent_id", id, "text", line.text()));
            JsonNode idle = mcp.call("wait_for_external_agent", Map.of("agent_id", id, "timeout_s", 60));
            String answer = mcp.call("read_from_external_agent", Map.of("agent_id", id, "cursor", cursor))
                    .path("text").asText().lines().filter(l -> l.contains(line.text()) && !l.isBlank())
                    .reduce((x, y) -> y).orElse("").strip();
            out.println("demo lead: " + id + " (" + idle.path("state").asText() + ") answered: " + answer);
            if (answer.isEmpty()) {
                problems.add(id + " did not answer (" + idle.path("state").asText() + ")");
            } else {
                answered++;
            }
        }
        return problems;
    }

    /** How many external agents answered so far. */
    int answered() {
        return answered;
    }
}
