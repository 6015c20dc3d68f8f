package io.agentorchestr.cli.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a scripted model does, independent of any wire format: per role (recognised from the
 * conversation's user text), a list of steps. The next step is decided from the conversation itself:
 * every tool call carries an id naming its role and step, so the step after the latest one answered in
 * the request is next. A retried or repeated request gets the same answer, and requests that belong
 * to no role (titles, summaries) get a short text.
 */
final class ModelScript {
    /** One step of a role. */
    sealed interface Step permits Shell, Mcp, Finish, Say, Held, Until, Reply {
    }

    /**
     * Ends the turn with a line of text until the user text contains {@code text} (something typed into
     * the agent later, such as agentorchestr's notice of mail), then takes {@code then}.
     */
    record Until(String text, Step then) implements Step {
    }

    /** Calls an MCP tool with arguments read from the user text (an id a notice named). */
    record Reply(String tool, java.util.function.Function<String, Map<String, Object>> args) implements Step {
    }

    /** Run a shell command with the agent's own shell tool; {worker} is the worker id from the prompt. */
    record Shell(String command) implements Step {
    }

    /** Call one of agentorchestr's MCP tools (name without any prefix). */
    record Mcp(String tool, Map<String, Object> args) implements Step {
    }

    /**
     * Report the outcome: through the report_done MCP tool when the agent offers it, else by writing
     * the done flag with the shell tool, as the worker prompt asks.
     */
    record Finish(String summary) implements Step {
    }

    /** End the turn with text. */
    record Say(String text) implements Step {
    }

    /**
     * A shell command the model sends only once {@code gate} opens: the agent is kept mid-turn (a
     * test crashes its session meanwhile). {@code reached} opens when the step is first asked for.
     */
    record Held(CountDownLatch reached, CountDownLatch gate, Step then) implements Step {
    }

    /** A role: which conversations it answers (by their user text) and its steps. */
    record Role(String name, Predicate<String> recognises, List<Step> steps) {
        Role {
            steps = List.copyOf(steps);
        }
    }

    /** What the model answers: a tool call (the wire format maps the tool) or text. */
    sealed interface Move permits ShellCall, McpCall, Text {
    }

    record ShellCall(String callId, String command) implements Move {
    }

    record McpCall(String callId, String tool, Map<String, Object> args) implements Move {
    }

    record Text(String text) implements Move {
    }

    /** What a request holds, as far as the script needs: user text, answered call ids, MCP tools offered. */
    record Conversation(String userText, Set<String> answeredCallIds, Predicate<String> offersMcpTool) {
    }

    private static final Pattern CALL_ID = Pattern.compile("call_([a-z]+)_(\\d+)");
    private static final Pattern WORKER = Pattern.compile("You are worker (w\\d+)");

    private static final long HOLD_SECONDS = 240;

    private final List<Role> roles;
    /** Every conversation a role answered, in order. */
    final List<Conversation> seen = new CopyOnWriteArrayList<>();
    /** Every conversation asked about, recognised by a role or not: what reached the model at all. */
    final List<Conversation> asked = new CopyOnWriteArrayList<>();
    /** When each step was handed out, by "role_index": what the model did when, for tests of timing order. */
    final Map<String, java.time.Instant> served = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every request to summarise a conversation (an agent's own compaction), in order. */
    final List<Conversation> compactions = new CopyOnWriteArrayList<>();

    /** The words Claude Code's compaction request starts its instructions with. */
    static final String COMPACTION_REQUEST = "Your task is to create a detailed summary of the conversation so far";
    static final String COMPACTED_SUMMARY = "The lead of the session merged its one worker and asked agentorchestr "
            + "to compact its context; agentorchestr gives it the session brief next.";

    /** A request that asks for a summary of the conversation: the agent is compacting its context. */
    static boolean isCompaction(Conversation c) {
        return c.userText().contains(COMPACTION_REQUEST);
    }

    /**
     * agentorchestr's own router asking for a session brief (compact_session, with the user's key and
     * base URL, which point here; it offers no tools): the records come back as they are, so the brief
     * holds them.
     */
    static boolean isBriefRequest(Conversation c) {
        return c.userText().contains("## Goal\n") && c.userText().contains("## Workers\n")
                && !c.userText().contains("You are the lead of a team");
    }

    /** The summary a compaction gets, recorded. */
    Move compact(Conversation c) {
        compactions.add(c);
        return new Text("<analysis>A short session.</analysis>\n<summary>" + COMPACTED_SUMMARY + "</summary>");
    }

    ModelScript(List<Role> roles) {
        this.roles = List.copyOf(roles);
    }

    Move next(Conversation c) {
        asked.add(c);
        Optional<Role> role = roles.stream().filter(r -> r.recognises().test(c.userText())).findFirst();
        if (role.isEmpty()) {
            return new Text("OK");
        }
        Role r = role.get();
        seen.add(c);
        int done = -1;
        for (String id : c.answeredCallIds()) {
            Matcher m = CALL_ID.matcher(id);
            if (m.find() && m.group(1).equals(r.name())) {
                done = Math.max(done, Integer.parseInt(m.group(2)));
            }
        }
        int index = done + 1;
        if (index >= r.steps().size()) {
            return new Text("Finished.");
        }
        String callId = "call_" + r.name() + "_" + index;
        served.put(r.name() + "_" + index, java.time.Instant.now());
        String worker = workerOf(c.userText());
        Step step = r.steps().get(index);
        if (step instanceof Until u) {
            if (!c.userText().contains(u.text())) {
                return new Text("Waiting for a message.");
            }
            step = u.then();
        }
        if (step instanceof Reply k) {
            return new McpCall(callId, k.tool(), k.args().apply(c.userText()));
        }
        if (step instanceof Held h) {
            h.reached().countDown();
            try {
                if (!h.gate().await(HOLD_SECONDS, TimeUnit.SECONDS)) {
                    return new Text("The test never released me.");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Text("Interrupted.");
            }
            step = h.then();
        }
        if (step instanceof Shell s) {
            return new ShellCall(callId, s.command().replace("{worker}", worker));
        }
        if (step instanceof Mcp m) {
            return new McpCall(callId, m.tool(), m.args());
        }
        if (step instanceof Finish f) {
            String summary = f.summary().replace("{worker}", worker);
            return c.offersMcpTool().test("report_done")
                    ? new McpCall(callId, "report_done", Map.of("state", "done", "summary", summary))
                    : new ShellCall(callId, "mkdir -p .agentorchestr && printf 'done\\n%s\\n' '"
                    + summary.replace("'", "") + "' > .agentorchestr/done.flag.tmp"
                    + " && mv .agentorchestr/done.flag.tmp .agentorchestr/done.flag");
        }
        return new Text(((Say) step).text());
    }

    private static String workerOf(String text) {
        Matcher m = WORKER.matcher(text);
        return m.find() ? m.group(1) : "w00";
    }

    /** A worker that writes and commits {worker}.txt, then reports done. */
    static Role committingWorker(String marker) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Shell("printf 'written by {worker}\\n' > {worker}.txt && git add {worker}.txt"
                + " && git commit -q -m '{worker}: add {worker}.txt' && git log --oneline -1"));
        steps.add(new Finish("added {worker}.txt and committed it"));
        steps.add(new Say("Reported the outcome."));
        return new Role("worker", text -> text.contains("You are worker") && text.contains(marker), steps);
    }

    /**
     * A worker that commits {worker}.txt, is then held mid-turn until {@code gate} opens, then reports
     * done: for crashing a session under a running agent and resuming it.
     */
    static Role heldWorker(String marker, CountDownLatch reached, CountDownLatch gate) {
        return new Role("held", text -> text.contains("You are worker") && text.contains(marker), List.of(
                new Shell("printf 'written by {worker}\\n' > {worker}.txt && git add {worker}.txt"
                        + " && git commit -q -m '{worker}: add {worker}.txt'"),
                new Held(reached, gate, new Shell("git log --oneline -1")),
                new Finish("added {worker}.txt and committed it, across a resume"),
                new Say("Reported the outcome.")));
    }

    /**
     * A lead that spawns one worker, is held mid-turn until {@code gate} opens, then waits for the
     * worker, merges, verifies and marks the goal done: for crashing a session under a running lead.
     */
    static Role heldLead(String marker, String task, CountDownLatch reached, CountDownLatch gate) {
        return new Role("heldlead", text -> text.contains("You are the lead of a team") && text.contains(marker),
                List.of(new Mcp("spawn_worker", Map.of("task", task, "perspective", "implementer")),
                        new Held(reached, gate, new Mcp("wait_for_worker",
                                Map.of("worker_id", "w01", "timeout_s", 120))),
                        new Mcp("merge_worker", Map.of("worker_id", "w01")),
                        new Mcp("verify", Map.of()),
                        new Mcp("mark_goal_done", Map.of("summary", "w01 merged and verified across a resume")),
                        new Say("The goal is done.")));
    }

    /** Marks a lead goal whose lead compacts its context half-way ({@link #compactingLead}). */
    static final String COMPACTING = "[lead-compact-it]";
    /** What the brief agentorchestr gives back after a compaction starts with. */
    static final String BRIEF_GIVEN = "Your context was compacted (compact_session)";

    /**
     * A lead that spawns a worker, waits for it and merges it, calls compact_session, stays busy a few
     * seconds more (a shell command) and ends its turn. agentorchestr then types /compact at its prompt.
     */
    static Role compactingLead() {
        return new Role("compacting", text -> text.contains("You are the lead of a team") && text.contains(COMPACTING)
                && !text.contains(BRIEF_GIVEN), List.of(
                new Mcp("spawn_worker", Map.of("task", "Add the greeting", "perspective", "implementer")),
                new Mcp("wait_for_worker", Map.of("worker_id", "w01", "timeout_s", 120)),
                new Mcp("merge_worker", Map.of("worker_id", "w01")),
                new Mcp("compact_session", Map.of("focus", "verify and finish")),
                new Shell("sleep 3 && echo still busy after compact_session"),
                new Say("Ending my turn so that agentorchestr can compact my context.")));
    }

    /**
     * The same lead after its compaction: its conversation is the summary and the brief agentorchestr
     * gave back, and from the brief it goes on (its steps are a role of their own: the call ids answered
     * before the compaction are gone from the conversation).
     */
    static Role leadAfterCompaction() {
        return new Role("aftercompact", text -> text.contains(BRIEF_GIVEN), List.of(
                new Mcp("verify", Map.of()),
                new Mcp("mark_goal_done", Map.of("summary", "verified and finished from the brief after compaction")),
                new Say("The goal is done.")));
    }

    private static final Pattern NOTICED = Pattern.compile("new message (m-[0-9a-f]+): question");

    /**
     * A worker that finishes its turn waiting; once agentorchestr types a notice of a question into it,
     * reads its inbox and answers the question the notice named with send_message, then reports done.
     */
    static Role answeringWorker(String marker) {
        return new Role("inbox", text -> text.contains("You are worker") && text.contains(marker), List.of(
                new Until("Call read_inbox", new Mcp("read_inbox", Map.of())),
                new Reply("send_message", text -> {
                    Matcher m = NOTICED.matcher(text);
                    String id = m.find() ? m.group(1) : "m-none";
                    return Map.of("to", "w01", "type", "answer", "reply_to", id, "body", "the real agent says: 8080");
                }),
                new Finish("answered the question from w01"),
                new Say("Answered.")));
    }
}
