package io.agentorchestr.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo lead with a plan: goal lines with {@code [demo:id=ID]} (and {@code [demo:after=ID,ID]},
 * {@code [demo:role=NAME]}) are submitted as a plan, or a plan the engine already has (--plan) is
 * supervised; a line with {@code [demo:draft]} has the plan drafted by draft_plan from the goal's lines
 * and submitted as drafted. Either way the engine runs it; the lead answers questions, retries a failed task whose
 * line says {@code [demo:retry]} (once), and stops when the plan has run to its end.
 */
final class DemoPlan {
    private static final long IDLE_PAUSE_MS = 200;

    private final McpEndpoint mcp;
    private final PrintStream out;
    private final Set<String> retried = new HashSet<>();
    private final Set<String> retryable = new HashSet<>();
    private int done;

    DemoPlan(McpEndpoint mcp, PrintStream out) {
        this.mcp = mcp;
        this.out = out;
    }

    /** Whether the goal's lines make a plan, or the session already has one. */
    static boolean applies(McpEndpoint mcp, List<String> lines) throws IOException {
        return !mcp.call("get_plan", Map.of()).path("tasks").isEmpty()
                || lines.stream().anyMatch(l -> DemoScript.parse(l).has("id") || DemoScript.parse(l).has("draft"));
    }

    /** Runs the plan to its end; the problems (tasks not done), empty when every task is done. */
    List<String> run(List<String> lines, Runnable answerQuestions) throws IOException, InterruptedException {
        JsonNode plan = mcp.call("get_plan", Map.of());
        if (plan.path("tasks").isEmpty()) {
            plan = lines.stream().anyMatch(l -> DemoScript.parse(l).has("draft")) ? submitDraft(lines) : submit(lines);
        }
        for (JsonNode t : plan.path("tasks")) {
            if (DemoScript.parse(t.path("task").asText()).has("retry")) {
                retryable.add(t.path("id").asText());
            }
        }
        while (true) {
            JsonNode wake = mcp.call("wait_for_any", Map.of("timeout_s", 600));
            if (wake.path("new_messages").asInt() > 0) {
                answerQuestions.run();
            }
            plan = mcp.call("get_plan", Map.of());
            if (retryFailed(plan)) {
                continue;
            }
            if (plan.path("summary").path("finished").asBoolean()) {
                break;
            }
            if (wake.path("finished").isEmpty() && wake.path("still_running").isEmpty()) {
                Thread.sleep(IDLE_PAUSE_MS);  // between tasks: the engine is starting the next ones
            }
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode t : plan.path("tasks")) {
            String state = t.path("state").asText();
            if (state.equals("done")) {
                done++;
            } else if (!state.equals("cancelled")) {
                problems.add("task " + t.path("id").asText() + " " + state + ": " + t.path("reason").asText());
            }
        }
        out.println("demo lead: plan finished, " + done + " task(s) done");
        return problems;
    }

    int done() {
        return done;
    }

    private JsonNode submit(List<String> lines) throws IOException {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (String line : lines) {
            DemoScript s = DemoScript.parse(line);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", s.directives().get("id"));
            t.put("task", line);
            if (s.has("role")) {
                t.put("perspective", s.directives().get("role"));
            }
            if (s.has("after")) {
                t.put("depends_on", List.of(s.directives().get("after").split("\\s*,\\s*")));
            }
            tasks.add(t);
        }
        JsonNode plan = mcp.call("submit_plan", Map.of("tasks", tasks));
        out.println("demo lead: submitted a plan of " + tasks.size() + " task(s)");
        return plan;
    }

    /** Has draft_plan draft a plan for the goal's lines and submits it as drafted. */
    private JsonNode submitDraft(List<String> lines) throws IOException {
        JsonNode draft = mcp.call("draft_plan", Map.of("goal", String.join("\n", lines)));
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (JsonNode t : draft.path("tasks")) {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("id", t.path("id").asText());
            task.put("task", t.path("task").asText());
            if (t.path("perspective").isTextual()) {
                task.put("perspective", t.path("perspective").asText());
            }
            List<String> deps = new ArrayList<>();
            t.path("depends_on").forEach(d -> deps.add(d.asText()));
            task.put("depends_on", deps);
            tasks.add(task);
        }
        out.println("demo lead: a plan of " + tasks.size() + " task(s) drafted by " + draft.path("drafted_by").asText());
        return mcp.call("submit_plan", Map.of("tasks", tasks));
    }

    /** Retries, once each, the failed tasks whose lines ask for it; whether it retried any. */
    private boolean retryFailed(JsonNode plan) throws IOException {
        boolean any = false;
        for (JsonNode t : plan.path("tasks")) {
            String id = t.path("id").asText();
            if (t.path("state").asText().equals("failed") && retryable.contains(id) && retried.add(id)) {
                out.println("demo lead: retrying task " + id + " (" + t.path("reason").asText() + ")");
                mcp.call("retry_task", Map.of("id", id));
                any = true;
            }
        }
        return any;
    }
}
