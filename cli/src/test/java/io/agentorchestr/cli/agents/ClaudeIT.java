package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.cli.Distribution;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.testing.Poll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Claude Code in its TUI against a scripted Messages API. The user has used Claude Code
 * before with an API key; agentorchestr adds the folder trust of its worktrees to ~/.claude.json
 * (Claude Code has no launch-time setting for it), atomically and keeping every other key.
 */
class ClaudeIT extends ResumableAgentContract {
    @Override
    String agent() {
        return "claude";
    }

    @Override
    String processName() {
        return "claude";
    }

    @Override
    ScriptedModelServer api(ModelScript script) throws IOException {
        return new MessagesApi(script);
    }

    @Override
    List<Path> userSetup(Distribution dist, ScriptedModelServer api) throws IOException {
        return List.of(UserConfigs.claude(dist, api.baseUrl()));
    }

    /** Claude Code's config gets the trust entries: the one user file agentorchestr must write. */
    @Override
    boolean agentorchestrWrites(Path file) {
        return true;
    }

    /**
     * Ctrl-C in the lead's pane is Claude Code's own: it interrupts the turn the model is holding, and
     * the lead sits quiet at its prompt. Judged hung, it is relaunched in its conversation and goes
     * on; the goal ends done, and the report agrees with itself: its one worker done and merged.
     */
    @Test
    void ctrlCInterruptsTheLeadsTurnAndTheRelaunchedLeadFinishesWithAReportThatAgrees() throws Exception {
        project.verifyCommands("test -f demo/w01.md");
        Path log = dir.resolve("run.log");
        Process run = dist.start(log, "--goal", "Add the greeting " + HELD_LEAD, "--lead", agent(), "--agents", "demo",
                "--project", project.dir().toString(), "--no-attach", "--json", "--timeout", "5m",
                "--hung-after", "15s");
        try {
            assertTrue(heldReached.await(120, TimeUnit.SECONDS), "the lead never got to its held step:\n" + api.log());
            String session = RealAgents.onlySession(dist);
            // The session's active pane is the lead's: workers' panes open without taking the focus.
            dist.tmux("send-keys", "-t", "agentorchestr-" + session, "C-c");
            Poll.until("Claude Code to show the interruption", Duration.ofSeconds(20), () -> dist.tmux(
                    "capture-pane", "-p", "-t", "agentorchestr-" + session).stdout().contains("Interrupted"));
            heldGate.countDown();
            assertTrue(run.waitFor(200, TimeUnit.SECONDS), "the goal ends:\n" + Files.readString(log));
            String out = Files.readString(log);
            assertEquals(0, run.exitValue(), out + "\n" + api.log());
            JsonNode report = new ObjectMapper().readTree(out.substring(out.startsWith("{") ? 0
                    : out.indexOf("\n{") + 1));
            assertEquals("done", report.get("state").asText(), out);
            assertEquals(1, report.get("workers").size(), out);
            JsonNode w01 = report.get("workers").get(0);
            assertEquals("done", w01.get("state").asText(), out);
            assertTrue(w01.path("merged_commit").isTextual(), "w01 is reported merged: " + out);
            assertTrue(!out.contains("unfinished"), out);
            assertTrue(out.contains("relaunching it"), "the quiet lead was relaunched: " + out);
        } finally {
            run.destroyForcibly();
        }
        assertNothingLeft();
    }

    /**
     * The second Claude Code worker takes the agent started while the first worked (its Node start and
     * MCP connection off the spawn's path), and a warm agent sends nothing to the model before its task:
     * every conversation the model saw is one of the two workers' (the third agent, warm when the goal
     * ended, none); nothing of it outlives the goal.
     */
    @Test
    void theSecondWorkerStartsWarmAndAWarmAgentSendsNothingBeforeItsTask() throws Exception {
        ExecResult r = dist.run("--goal", "Add a file " + MARK + " [demo:agent=" + agent() + "]\nAdd another file "
                + MARK + " [demo:agent=" + agent() + "]", "--lead", "demo", "--agents", "demo," + agent(),
                "--max-workers", "1", "--project", project.dir().toString(), "--no-attach", "--json", "--timeout", "4m");
        String diagnostics = diagnostics(r);
        assertEquals(0, r.exitCode(), diagnostics);
        String session = new ObjectMapper().readTree(r.stdout()).get("session").asText();
        try (io.agentorchestr.core.store.SqliteStateStore store = io.agentorchestr.core.store.SqliteStateStore.open(
                dist.stateDb())) {
            List<String> started = store.events(session).stream().filter(e -> e.kind().equals("worker_state_changed")
                    && e.data().contains("\"to\":\"running\"")).map(e -> e.data()).toList();
            // For the record (not asserted: timings): how long each spawn_worker took, cold then warm.
            System.out.println("spawn_worker with " + agent() + ", cold then warm: " + store.events(session).stream()
                    .filter(e -> e.kind().equals("tool_called") && e.data().contains("\"tool\":\"spawn_worker\""))
                    .map(e -> e.json().path("durationMs").asLong() + " ms").toList());
            assertTrue(started.size() == 2 && !started.get(0).contains("warm")
                    && started.get(1).contains("\"worker\":\"w02\"") && started.get(1).contains(", warm: "),
                    started + diagnostics);
        }
        List<String> strays = script.asked.stream().map(ModelScript.Conversation::userText)
                .filter(t -> !t.contains("You are worker w01") && !t.contains("You are worker w02")).toList();
        assertEquals(List.of(), strays, "only the two workers' conversations reached the model" + diagnostics);
        assertNothingLeft();
    }

    /**
     * A Claude Code worker that does not poll: a demo worker's question reaches it as a notice typed
     * into its prompt once it is idle; it calls read_inbox and answers with send_message in the thread.
     */
    @Test
    void aWorkerToldOfAQuestionReadsItsInboxAndAnswersWithSendMessage() throws Exception {
        ExecResult r = dist.run("--goal", "Ask the other [demo:question=w02]\nAnswer questions " + ANSWERS
                + " [demo:agent=" + agent() + "]", "--lead", "demo", "--agents", "demo," + agent(), "--project",
                project.dir().toString(), "--no-attach", "--json", "--timeout", "4m");
        String diagnostics = diagnostics(r);
        assertEquals(0, r.exitCode(), diagnostics);
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        ExecResult log = dist.run("--messages", out.get("session").asText(), "--json");
        JsonNode messages = new ObjectMapper().readTree(log.stdout());
        assertEquals(2, messages.size(), log.stdout() + diagnostics);
        assertEquals("w02", messages.get(1).get("from").asText(), log.stdout());
        assertEquals("answer", messages.get(1).get("type").asText(), log.stdout());
        assertEquals(messages.get(0).get("id").asText(), messages.get(1).get("reply_to").asText(), log.stdout());
        assertEquals("the real agent says: 8080", messages.get(1).get("body").asText());
        assertTrue(Files.readString(Path.of(out.get("integration_worktree").asText(), "demo/w01.md"))
                .contains("w02 answered: the real agent says: 8080"), diagnostics);
        // Its tokens, from Claude Code's own transcript, are what the scripted server sent: 100 in and 20
        // out for each response to its conversation.
        long responses = script.seen.stream().filter(c -> c.userText().contains(ANSWERS)).count();
        JsonNode usage = out.get("workers").get(1).get("usage");
        assertTrue(usage.get("known").asBoolean(), usage.toString());
        assertEquals(100 * responses, usage.get("input_tokens").asLong(), usage + " for " + responses + " responses");
        assertEquals(20 * responses, usage.get("output_tokens").asLong(), usage.toString());
        assertEquals("unknown", usage.get("price").asText(), "no price for the scripted model: " + usage);
        assertEquals(false, out.get("workers").get(0).get("usage").get("known").asBoolean(), "the demo agent's: unknown");
        // The dashboard's spending chart reads the totals recorded while the session ran: the last is the report's.
        try (io.agentorchestr.core.store.SqliteStateStore store = io.agentorchestr.core.store.SqliteStateStore
                .open(dist.stateDb())) {
            List<String> recorded = store.events(out.get("session").asText()).stream()
                    .filter(e -> e.kind().equals("usage_recorded") && e.data().contains("\"who\":\"w02\""))
                    .map(e -> e.data()).toList();
            assertTrue(!recorded.isEmpty() && recorded.get(recorded.size() - 1).contains("\"used\":" + 120 * responses),
                    recorded.toString());
        }
        assertNothingLeft();
    }

    /**
     * compact_session with Claude Code as lead: /compact is typed only once the lead is back at its
     * prompt (it stays busy for a shell command after the tool returns), its instructions reach the
     * model's compaction request, the brief reaches the model right after, and the lead goes on with the
     * goal from it: it verifies and marks the goal done.
     */
    @Test
    void compactSessionCompactsTheLeadAtItsPromptAndTheLeadGoesOnFromTheBrief() throws Exception {
        project.verifyCommands("test -f demo/w01.md");
        ExecResult r = dist.run("--goal", "Add the greeting " + ModelScript.COMPACTING, "--lead", agent(), "--agents",
                "demo", "--project", project.dir().toString(), "--no-attach", "--json", "--timeout", "4m");
        String diagnostics = diagnostics(r);
        assertEquals(0, r.exitCode(), diagnostics);
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        assertEquals("verified and finished from the brief after compaction", out.get("summary").asText(),
                diagnostics);
        assertEquals(1, out.get("workers").size(), diagnostics);

        assertEquals(1, script.compactions.size(), diagnostics);
        String compaction = script.compactions.get(0).userText();
        assertTrue(compaction.contains("Keep the goal, the plan with every task and worker id and state")
                && compaction.contains("Focus: verify and finish"), "the instructions reach the compaction: "
                + compaction);
        ModelScript.Conversation after = script.seen.stream().filter(c -> c.userText().contains(
                ModelScript.BRIEF_GIVEN)).findFirst().orElseThrow(() -> new AssertionError("no brief: " + diagnostics));
        assertTrue(after.userText().contains(ModelScript.COMPACTED_SUMMARY), after.userText());
        assertTrue(after.userText().contains("# Session brief: " + out.get("session").asText())
                && after.userText().contains("w01 (implementer, demo): done, merged"), after.userText());

        try (io.agentorchestr.core.store.SqliteStateStore store = io.agentorchestr.core.store.SqliteStateStore
                .open(dist.stateDb())) {
            List<io.agentorchestr.core.model.EventRecord> steps = store.events(out.get("session").asText()).stream()
                    .filter(e -> e.kind().equals("lead_compaction")).toList();
            assertEquals(2, steps.size(), steps.toString());
            assertTrue(steps.get(0).data().contains("command_typed") && steps.get(0).data().contains(
                    "/compact Keep the goal"), steps.toString());
            java.time.Instant turnEnded = script.served.get("compacting_5");
            assertTrue(turnEnded != null && steps.get(0).at().isAfter(turnEnded), "typed only once the lead's turn "
                    + "had ended (" + turnEnded + "): " + steps.get(0));
            assertTrue(steps.get(1).data().contains("brief_given"), steps.toString());
            // The user's key and base URL serve agentorchestr's router too: the brief went through its compress model.
            assertEquals(1, store.events(out.get("session").asText()).stream().filter(e -> e.kind().equals(
                    "model_called") && e.data().contains("\"task\":\"compress\",\"provider\":\"anthropic\"")
                    && e.data().contains("\"outcome\":\"ok\"")).count());
        }
        assertNothingLeft();
    }

    /** Also: the lead saw its MCP tools, and its folder is trusted in the user's config. */
    /**
     * A token budget a real Claude Code worker spends mid-goal: its first response (120 tokens, by its
     * transcript) passes the cap of 100, so the session pauses with exit 4, the worker interrupted; a
     * resume with a larger budget lets it finish and the goal ends done.
     */
    @Test
    void aTokenBudgetSpentMidGoalPausesItAndAResumeWithALargerOneFinishesIt() throws Exception {
        project.verifyCommands("test -f w01.txt");
        Path log = dir.resolve("first-run.log");
        Process first = dist.start(log, "--goal", "Add a file " + HELD, "--lead", "demo", "--agents", agent(),
                "--project", project.dir().toString(), "--no-attach", "--json", "--timeout", "5m",
                "--token-budget", "100");
        try {
            assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the budget never stopped the run:\n" + api.log());
            assertEquals(4, first.exitValue(), "paused by the budget: " + Files.readString(log));
        } finally {
            first.destroyForcibly();
        }
        String session = RealAgents.onlySession(dist);
        assertTrue(Files.readString(log).contains("the budget of 100 tokens is spent"), Files.readString(log));
        heldGate.countDown();

        ExecResult r = dist.run("--resume", session, "--no-attach", "--json", "--token-budget", "100000");
        String diagnostics = diagnostics(r);
        assertEquals(0, r.exitCode(), diagnostics);
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        assertEquals("done", out.get("state").asText(), diagnostics);
        assertTrue(project.git("log", "--format=%s", out.get("integration_branch").asText())
                .contains("w01: add w01.txt"), diagnostics);
        assertTrue(script.seen.stream().anyMatch(c -> c.userText().contains("The session's budget was raised")),
                "the interrupted worker was told to go on: " + diagnostics);
        assertNothingLeft();
    }

    @Test
    @Override
    void resumesTheLeadInItsConversationAfterTmuxKillServer() throws Exception {
        super.resumesTheLeadInItsConversationAfterTmuxKillServer();
        assertTrue(((MessagesApi) api).toolsSeen.containsAll(List.of("mcp__agentorchestr__spawn_worker",
                "mcp__agentorchestr__wait_for_any", "mcp__agentorchestr__mark_goal_done")),
                ((MessagesApi) api).toolsSeen.toString());
        JsonNode config = new ObjectMapper().readTree(Files.readString(dist.home().resolve(".claude.json")));
        assertTrue(config.get("hasCompletedOnboarding").asBoolean(), "the user's keys are kept: " + config);
        assertEquals(UserConfigs.CLAUDE_KEY.substring(UserConfigs.CLAUDE_KEY.length() - 20),
                config.at("/customApiKeyResponses/approved/0").asText(), "the user's keys are kept: " + config);
        boolean trusted = false;
        for (var it = config.path("projects").fields(); it.hasNext(); ) {
            var e = it.next();
            trusted |= e.getKey().endsWith("/integration") && e.getValue().path("hasTrustDialogAccepted").asBoolean();
        }
        assertTrue(trusted, "agentorchestr pre-accepts the lead's folder trust: " + config);
    }
}
