package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.model.WorkerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of agents that can resume a conversation: besides {@link RealAgentContract}'s manual
 * task, a worker and a lead each survive {@code tmux kill-server} mid-turn and go on in their
 * conversation after {@code --resume}. The scripted model holds the agent at a step until the test
 * lets it go. Each run is also the agent's plain first run as a lead (it spawns through the MCP tools
 * before the crash) or as a worker (it is offered report_done on its first launch): separate tests of
 * those alone took CI minutes and caught nothing these do not.
 */
abstract class ResumableAgentContract extends RealAgentContract {
    /**
     * For agents that can resume a conversation: the tmux server dies under the lead in the middle of
     * its turn, after it spawned a worker; {@code --resume} relaunches it in the same conversation (it
     * does not spawn again: the model sees its spawn answered), and the goal is done.
     */
    @Test
    void resumesTheLeadInItsConversationAfterTmuxKillServer() throws Exception {
        project.verifyCommands("test -f demo/w01.md");
        int before = script.seen.size();
        String session = crashWhileHeld("lead", "--goal", "Add the greeting " + HELD_LEAD, "--lead", agent(),
                "--agents", "demo");

        ExecResult r = dist.run("--resume", session, "--no-attach", "--json");
        String diagnostics = diagnostics(r);
        assertEquals(0, r.exitCode(), diagnostics);
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        assertEquals("done", out.get("state").asText(), diagnostics);
        assertEquals("w01 merged and verified across a resume", out.get("summary").asText(), diagnostics);
        assertEquals(1, out.get("workers").size(), "the resumed lead did not spawn again: " + diagnostics);
        assertTrue(script.seen.subList(before, script.seen.size()).stream()
                .anyMatch(c -> c.answeredCallIds().contains("call_heldlead_0")), "the relaunched lead went on in its "
                + "conversation: " + diagnostics);
        assertNothingLeft();
    }

    /**
     * For agents that can resume a conversation: the tmux server dies under a worker in the middle of
     * its turn, and {@code --resume} relaunches it in the same conversation (the model sees its earlier
     * tool call answered, and the resume note), and it finishes.
     */
    @Test
    void resumesItsWorkerInTheSameConversationAfterTmuxKillServer() throws Exception {
        project.verifyCommands("test -f w01.txt");
        String session = crashWhileHeld("worker", "--goal", "Add a file " + HELD, "--lead", "demo", "--agents",
                agent());
        String before = RealAgents.worker(dist, session, "w01").agentSessionId();
        assertTrue(script.seen.stream().filter(c -> c.userText().contains(HELD)).findFirst()
                .map(c -> c.offersMcpTool().test("report_done")).orElse(false), "the worker's first launch was "
                + "offered agentorchestr's report_done tool:\n" + api.log());

        ExecResult r = dist.run("--resume", session, "--no-attach", "--json");
        String diagnostics = diagnostics(r);
        assertEquals(0, r.exitCode(), diagnostics);
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        assertEquals("done", out.get("state").asText(), diagnostics);
        WorkerRecord w = RealAgents.worker(dist, session, "w01");
        assertEquals(2, w.attempt(), diagnostics);
        // No id before for agents that choose their own (Codex resumes its newest, OpenCode's is listed).
        assertTrue(before == null || before.equals(w.agentSessionId()), "the same conversation id: " + before
                + " then " + w.agentSessionId());
        assertEquals("mcp_report", w.signal(), diagnostics);
        assertTrue(script.seen.stream().anyMatch(c -> c.userText().contains("You are worker w01 again")
                && c.answeredCallIds().contains("call_held_0")), "the resumed agent went on in its conversation: "
                + diagnostics);
        assertTrue(project.git("log", "--format=%s", out.get("integration_branch").asText())
                .contains("w01: add w01.txt"), diagnostics);
        assertNothingLeft();
    }

    /**
     * Starts a goal, waits until the scripted model holds its agent mid-turn, kills the tmux server
     * (the session pauses, exit 4), lets the model go on, and returns the session id.
     */
    private String crashWhileHeld(String who, String... goal) throws Exception {
        Path log = dir.resolve("first-run.log");
        List<String> args = new ArrayList<>(List.of(goal));
        args.addAll(List.of("--project", project.dir().toString(), "--no-attach", "--json", "--timeout", "5m"));
        Process first = dist.start(log, args.toArray(String[]::new));
        try {
            assertTrue(heldReached.await(120, TimeUnit.SECONDS), "the " + who + " never got to its held step:\n"
                    + api.log() + "\n" + RealAgents.paneLogs(dir));
            dist.tmux("kill-server");
            assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the orchestrator stops when its tmux server is gone");
            assertEquals(4, first.exitValue(), "paused: " + Files.readString(log));
        } finally {
            first.destroyForcibly();
        }
        heldGate.countDown();
        return RealAgents.onlySession(dist);
    }
}
