package io.agentorchestr.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.goal.LeadPrompt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo agent as lead: one worker per non-empty goal line (each line may carry [demo:...]
 * directives for its worker), wait for all, merge each done worker, verify, then mark the goal done,
 * or failed with the reasons. Afterwards it stays interactive like a real agent.
 */
final class DemoLead {
    private final PrintStream out;
    private final PrintStream err;
    private final BufferedReader in;
    private DemoExternal external;
    private int workers;
    private boolean verified;

    DemoLead(PrintStream out, PrintStream err, BufferedReader in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    int run(String prompt, Path mcpConfig) {
        List<String> tasks = LeadPrompt.goalOf(prompt).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        out.println("demo lead: " + tasks.size() + " task(s)");
        slowStart(tasks);
        try (McpEndpoint mcp = McpEndpoint.connect(mcpConfig)) {
            external = new DemoExternal(mcp, out);
            List<String> problems;
            try {
                problems = lead(mcp, tasks);
            } catch (IOException e) {
                // A refused tool call (e.g. the circuit breaker) ends the goal, like a lead that gives up would.
                problems = List.of("cannot go on: " + e.getMessage());
            }
            if (problems.isEmpty()) {
                mcp.call("mark_goal_done", Map.of("summary", summary()));
                out.println("demo lead: goal done");
            } else {
                mcp.call("mark_goal_failed", Map.of("reason", String.join("; ", problems)));
                out.println("demo lead: goal failed: " + String.join("; ", problems));
            }
        } catch (IOException | RuntimeException e) {
            err.println("agentorchestr-demo: lead error: " + e.getMessage());
            out.println("demo lead: error: " + e.getMessage());
        }
        return InputLoop.run(in, out);
    }

    /**
     * {@code [demo:slowstart=N]} on any goal line: N seconds pass before the lead connects to its
     * tools, as with a real agent that loads plugins or signs in first.
     */
    private static void slowStart(List<String> tasks) {
        Duration wait = tasks.stream().map(DemoScript::parse).filter(t -> t.has("slowstart"))
                .map(t -> t.seconds("slowstart")).findFirst().orElse(Duration.ZERO);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Says what happened, no more: workers merged, answers from external agents, verified or not. */
    private String summary() {
        List<String> parts = new ArrayList<>();
        if (workers > 0) {
            parts.add(workers + " worker task(s) done and merged");
        }
        if (external.answered() > 0) {
            parts.add(external.answered() + " external agent answer(s)");
        }
        parts.add(verified ? "verified" : "not verified (no verify command configured)");
        return String.join("; ", parts);
    }

    private List<String> lead(McpEndpoint mcp, List<String> tasks) throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (tasks.stream().anyMatch(t -> DemoScript.parse(t).has("confirm")) && !confirmed(tasks.size())) {
            return List.of("the user did not confirm the plan");
        }
        if (DemoPlan.applies(mcp, tasks)) {
            DemoPlan plan = new DemoPlan(mcp, out);
            try {
                problems.addAll(plan.run(tasks, () -> {
                    try {
                        answerQuestions(mcp);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of("interrupted");
            }
            workers = plan.done();
            problems.addAll(verify(mcp));
            return problems;
        }
        Map<String, JsonNode> finished = new LinkedHashMap<>();
        Set<String> pending = new LinkedHashSet<>();
        for (int i = 0; i < tasks.size(); i++) {
            DemoScript line = DemoScript.parse(tasks.get(i));
            if (line.has("external")) {
                problems.addAll(external.ask(line));
                continue;
            }
            JsonNode w = spawn(mcp, tasks.get(i), i, pending, finished);
            String id = w.path("worker_id").asText();
            ids.add(id);
            pending.add(id);
            out.println("demo lead: spawned " + id + ": " + tasks.get(i));
        }
        while (!pending.isEmpty() && awaitSome(mcp, pending, finished)) {
            // each round records the workers that finished
        }
        problems.addAll(mergeAndVerify(mcp, ids, finished));
        workers = ids.size();
        return problems;
    }

    /** Asks the person on its screen before starting, as a lead that checks its plan first would. */
    private boolean confirmed(int tasks) throws IOException {
        out.println("demo: waiting for your answer: start " + tasks + " task(s)? (yes/no)");
        String answer = in.readLine();
        return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }

    /** Spawns a worker; when the session's worker limit is reached, waits for one to finish and retries. */
    private JsonNode spawn(McpEndpoint mcp, String task, int i, Set<String> pending, Map<String, JsonNode> finished)
            throws IOException {
        while (true) {
            try {
                DemoScript line = DemoScript.parse(task);
                Map<String, Object> args = new LinkedHashMap<>(Map.of("task", task, "perspective",
                        line.directives().getOrDefault("role", "implementer"), "request_id", "demo-lead-" + i));
                if (line.has("agent")) {
                    args.put("agent_hint", line.directives().get("agent"));
                }
                return mcp.call("spawn_worker", args);
            } catch (IOException e) {
                if (!e.getMessage().contains("the maximum is") || pending.isEmpty()) {
                    throw e;
                }
                out.println("demo lead: at the worker limit, waiting for one to finish");
                awaitSome(mcp, pending, finished);
            }
        }
    }

    /** One wait_for_any round; false when nothing is left to wait for. */
    private boolean awaitSome(McpEndpoint mcp, Set<String> pending, Map<String, JsonNode> finished)
            throws IOException {
        JsonNode r = mcp.call("wait_for_any", Map.of("worker_ids", List.copyOf(pending), "timeout_s", 600));
        for (JsonNode w : r.path("finished")) {
            String id = w.path("worker_id").asText();
            finished.put(id, w);
            pending.remove(id);
            out.println("demo lead: " + id + " " + w.path("state").asText());
        }
        // A worker that asks is answered as a person would: yes (a real lead reads the question first).
        for (JsonNode a : r.path("needs_attention")) {
            String id = a.path("worker_id").asText();
            out.println("demo lead: " + id + " needs attention (" + a.path("reason").asText() + "); answering yes");
            mcp.call("send_to_worker", Map.of("worker_id", id, "message", "yes"));
        }
        if (r.path("new_messages").asInt() > 0) {
            answerQuestions(mcp);
        }
        return !(r.path("finished").isEmpty() && r.path("still_running").isEmpty()
                && r.path("needs_attention").isEmpty() && r.path("new_messages").asInt() == 0);
    }

    /** Reads the lead's inbox and answers each question, as a lead that decides quickly would. */
    private void answerQuestions(McpEndpoint mcp) throws IOException {
        for (JsonNode m : mcp.call("read_inbox", Map.of()).path("messages")) {
            out.println("demo lead: " + m.path("type").asText() + " from " + m.path("from").asText() + ": "
                    + m.path("body").asText());
            if (m.path("type").asText().equals("question")) {
                mcp.call("send_message", Map.of("to", m.path("from").asText(), "type", "answer", "reply_to",
                        m.path("id").asText(), "body", "the lead says: yes, go ahead"));
            }
        }
    }

    private static String lastLine(String tail) {
        List<String> lines = tail.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
    }

    private List<String> mergeAndVerify(McpEndpoint mcp, List<String> ids, Map<String, JsonNode> finished)
            throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> unmergedRoles = new java.util.HashSet<>();
        for (JsonNode p : mcp.call("list_perspectives", Map.of())) {
            if (!p.path("merged").asBoolean()) {
                unmergedRoles.add(p.path("perspective").asText());
            }
        }
        for (String id : ids) {
            JsonNode w = finished.get(id);
            String state = w == null ? "unfinished" : w.path("state").asText();
            if (!state.equals("done")) {
                problems.add(id + " " + state + (w == null ? "" : ": " + w.path("summary").asText()));
                continue;
            }
            if (unmergedRoles.contains(w.path("perspective").asText())) {
                answerQuestions(mcp);  // its outcome is a message in the inbox, not a branch to merge
                continue;
            }
            JsonNode m = mcp.call("merge_worker", Map.of("worker_id", id));
            out.println("demo lead: merge " + id + ": " + m.path("message").asText());
            if (!m.path("merged").asBoolean()) {
                problems.add(id + " not merged: " + (m.path("conflicts").isEmpty() ? m.path("message").asText()
                        : "conflicts in " + m.path("conflicts")));
            }
        }
        problems.addAll(verify(mcp));
        return problems;
    }

    private List<String> verify(McpEndpoint mcp) throws IOException {
        List<String> problems = new ArrayList<>();
        JsonNode v = mcp.call("verify", Map.of());
        verified = v.path("verified").asBoolean();
        out.println("demo lead: verify " + (!v.path("passed").asBoolean() ? "failed" : verified ? "passed"
                : "ran nothing (no verify command configured)"));
        if (!v.path("passed").asBoolean()) {
            for (JsonNode c : v.path("commands")) {
                if (c.path("exit_code").asInt() != 0) {
                    problems.add("verify failed: `" + c.path("command").asText() + "` exited "
                            + c.path("exit_code").asInt() + lastLine(c.path("output_tail").asText()));
                }
            }
        }
        return problems;
    }
}
