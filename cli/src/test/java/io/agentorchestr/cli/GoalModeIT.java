package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Auto mode end to end: the launcher, real tmux and git, the demo agent as lead and as workers over MCP. */
@Timeout(240)
class GoalModeIT extends SandboxedRun {
    @Test
    void threeGoalLinesBecomeThreeWorkersMergedAndVerified() throws IOException {
        project.verifyCommands("test -f demo/w01.md", "test -f demo/w02.md && test -f demo/w03.md");
        String head = project.git("rev-parse", "HEAD");

        JsonNode out = goal("Add a greeting\nAdd a farewell\n\nAdd a FAQ\n", 0);

        assertEquals("done", out.get("state").asText());
        String integration = out.get("integration_branch").asText();
        String session = out.get("session").asText();
        assertEquals("agentorchestr/" + session + "/integration", integration);
        assertEquals(3, out.get("workers").size());
        for (JsonNode w : out.get("workers")) {
            assertEquals("done", w.get("state").asText());
            assertFalse(w.get("merged_commit").isNull(), w.toString());
        }
        String log = project.git("log", "--format=%s", integration);
        for (String id : List.of("w01", "w02", "w03")) {
            assertTrue(log.contains("demo(" + id + ")"), log);
            assertTrue(log.contains("agentorchestr: merge " + id), log);
        }
        assertTrue(out.get("verify").get("passed").asBoolean());
        assertTrue(out.get("verify").get("verified").asBoolean());
        assertEquals("3 worker task(s) done and merged; verified", out.get("summary").asText());
        assertEquals(2, out.get("verify").get("commands").size());
        assertEquals("main", project.git("symbolic-ref", "--short", "HEAD"));
        assertEquals(head, project.git("rev-parse", "HEAD"));

        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            assertEquals(SessionStatus.DONE, store.session(session).orElseThrow().status());
            assertEquals("auto", store.session(session).orElseThrow().mode());
            assertTrue(store.workers(session).stream().allMatch(w -> w.state() == WorkerState.DONE
                    && w.mergedCommit() != null));
            List<String> tools = store.events(session).stream().filter(e -> e.kind().equals("tool_called"))
                    .map(EventRecord::data).toList();
            for (String tool : List.of("spawn_worker", "wait_for_any", "merge_worker", "verify", "mark_goal_done")) {
                assertTrue(tools.stream().anyMatch(d -> d.contains("\"tool\":\"" + tool + "\"")), tool + " in " + tools);
            }
        }
    }

    @Test
    void aFailedWorkerAndAMergeConflictAreReportedAndTheGoalFails() throws IOException {
        JsonNode out = goal("First edit [demo:edit=shared.txt]\nSecond edit [demo:edit=shared.txt]\n"
                + "Doomed [demo:fail]", 3);

        assertEquals("failed", out.get("state").asText());
        String summary = out.get("summary").asText();
        assertTrue(summary.contains("w03 failed"), summary);
        assertTrue(summary.contains("w02 not merged: conflicts in [\"shared.txt\"]"), summary);
        assertFalse(out.get("workers").get(0).get("merged_commit").isNull());
        assertTrue(out.get("workers").get(1).get("merged_commit").isNull());
        Path integration = Path.of(out.get("integration_worktree").asText());
        assertEquals("", ProjectRepoStatus.of(integration));
        String shared = Files.readString(integration.resolve("shared.txt"));
        assertFalse(shared.contains("<<<<<<<"), shared);
        assertTrue(shared.contains("First edit"), shared);
    }

    @Test
    void aFailingVerifyFailsTheGoalAndTheReportShowsTheCommandAndTheEndOfItsOutput() throws IOException {
        project.verifyCommands("true", "echo checking; echo 'AssertionError: expected 2 but was 3' >&2; exit 7");
        ExecResult r = dist.run("--goal", "Add a greeting", "--agents", "demo", "--project", project.dir().toString(),
                "--no-attach");
        assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("verifying (2 of 2): echo checking;"), "the user sees verify running:\n"
                + r.stderr());
        assertTrue(r.stderr().contains("verify FAILED: `echo checking; echo 'AssertionError: expected 2 but was 3' "
                + ">&2; exit 7` exited 7 after "), r.stderr());
        assertTrue(r.stderr().contains("  | AssertionError: expected 2 but was 3"), r.stderr());
        assertTrue(r.stdout().contains("state:       failed"), r.stdout());
        assertTrue(r.stdout().contains("verify failed: `echo checking; echo 'AssertionError: expected 2 but was 3' "
                + ">&2; exit 7` exited 7: AssertionError: expected 2 but was 3"), "the lead's summary:\n" + r.stdout());
        assertTrue(r.stdout().contains("verify:      FAILED: `echo checking;"), r.stdout());
        assertTrue(r.stdout().contains("             | checking\n             | AssertionError: expected 2 but was 3"),
                "the report shows the end of the output:\n" + r.stdout());
        assertTrue(r.stdout().contains("(holds what was merged before the goal ended; review it before merging)"),
                r.stdout());
    }

    @Test
    void theWorkerLimitHoldsAndTheLeadWaitsForRoom() throws IOException {
        JsonNode out = goal("One [demo:sleep=1]\nTwo\nThree", 0, "--max-workers", "1");
        assertEquals("done", out.get("state").asText());
        // No verify command here: nobody may say the result was verified.
        assertEquals("3 worker task(s) done and merged; not verified (no verify command configured)",
                out.get("summary").asText());
        assertFalse(out.get("verify").get("verified").asBoolean(), out.get("verify").toString());
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            List<WorkerRecord> ws = store.workers(out.get("session").asText());
            assertEquals(3, ws.size());
            for (int i = 1; i < ws.size(); i++) {
                assertTrue(!ws.get(i).createdAt().isBefore(ws.get(i - 1).endedAt()),
                        "w0" + (i + 1) + " started before w0" + i + " ended, with --max-workers 1");
            }
            assertTrue(store.events(out.get("session").asText()).stream().anyMatch(e -> e.kind().equals("tool_called")
                    && e.data().contains("the maximum is 1")), "the limit was hit and reported to the lead");
        }
    }

    /**
     * The demo lead merges only at the end: w01's agent must not live on until then. It is stopped
     * soon after w01 finished, while w02 still works, and its pane keeps its last screen.
     */
    @Test
    void aFinishedWorkersAgentIsStoppedWhileTheOthersWorkOn() throws IOException {
        JsonNode out = goal("Quick\nSlow [demo:sleep=12]", 0);
        assertEquals("done", out.get("state").asText());
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            String session = out.get("session").asText();
            WorkerRecord w02 = store.workers(session).stream().filter(w -> w.id().equals("w02")).findFirst()
                    .orElseThrow();
            var stopped = store.events(session).stream().filter(e -> e.kind().equals("health_action")
                    && e.data().contains("agent_stopped") && "w01".equals(e.workerId())).findFirst();
            assertTrue(stopped.isPresent(), "w01's agent was stopped once it finished: " + store.events(session));
            assertTrue(stopped.get().at().isBefore(w02.endedAt()), "before w02 ended, not at the goal's end");
        }
        assertTrue(out.get("workers").get(0).get("merged_commit").isTextual(), "its work was still merged");
    }

    @Test
    void aGoalFileIsReadAsUtf8() throws IOException {
        Path file = Files.writeString(dir.resolve("goal.md"), "Écrire une note ☕\n");
        ExecResult r = dist.run("--goal-file", file.toString(), "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode out = json.readTree(r.stdout());
        assertEquals("Écrire une note ☕", out.get("workers").get(0).get("summary").asText()
                .replaceAll(".*\"(.*)\".*", "$1"));
    }

    @Test
    void aLeadThatExitsWithoutMarkingEndsTheGoalAsFailed() throws IOException {
        scriptedAgent("quitter", "echo 'lead: giving up'\nexit 5\n", "prompt = \"file\"\nprompt_flag = "
                + "\"--prompt-file\"\nmcp = \"flag\"\nmcp_args = [\"--mcp-config\", \"{mcp_config}\"]\n");
        JsonNode out = goal("Anything", 3, "--lead", "quitter");
        assertEquals("lead_exited", out.get("state").asText());
        assertTrue(out.get("summary").asText().contains("the lead exited (status 5) without marking"),
                out.get("summary").asText());
        assertTrue(out.get("summary").asText().contains("again after it was relaunched once"),
                out.get("summary").asText());
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            assertTrue(store.events(out.get("session").asText()).stream().anyMatch(e -> e.kind().equals(
                    "lead_relaunched") && e.data().contains("fresh lead with a digest")), "the lead was relaunched once");
        }
    }

    @Test
    void theGoalTimeoutEndsARunThatWouldNotFinish() throws IOException {
        // Long enough for the demo lead to spawn its worker on a loaded machine: a spawn after the end
        // is refused, and then there would be no worker to see timed out.
        JsonNode out = goal("Never ends [demo:hang]", 3, "--timeout", "20s");
        assertEquals("timeout", out.get("state").asText());
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            List<WorkerRecord> workers = store.workers(out.get("session").asText());
            assertEquals(1, workers.size(), out.toString());
            WorkerRecord w = workers.get(0);
            assertEquals(WorkerState.TIMEOUT, w.state(), w.toString());
            assertEquals("goal_end", w.signal());
        }
    }

    @Test
    void aWorkerStillStartingWhenTheTimeRunsOutIsRecordedAsTimedOutWithTheOthers() throws IOException {
        // Its input is ready only after 8 s, so the demo lead's spawn_worker is still under way when the
        // 4 s goal time runs out: the goal's end waits for it, then stops it like any running worker.
        scriptedAgent("slowstart", "echo 'slowstart: loading'\nsleep 8\nprintf 'ready> '\nexec cat\n",
                "prompt = \"paste\"\nmarkers.idle = [\"ready> \"]\n");
        ExecResult r = dist.run("--goal", "Starts slowly", "--lead", "demo", "--agents", "slowstart", "--project",
                project.dir().toString(), "--no-attach", "--json", "--timeout", "4s");
        assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
        JsonNode out = json.readTree(r.stdout());
        assertEquals("timeout", out.get("state").asText());
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            List<WorkerRecord> workers = store.workers(out.get("session").asText());
            assertEquals(1, workers.size(), out.toString());
            assertEquals(WorkerState.TIMEOUT, workers.get(0).state(), workers.get(0).toString());
            assertEquals("goal_end", workers.get(0).signal());
        }
        assertTrue(out.get("stopped_processes").asInt() > 0, out.toString());
    }

    /** An agent {@code name} in the user's agents.toml, run by a shell script with the given body. */
    private void scriptedAgent(String name, String body, String profile) throws IOException {
        Path script = dir.resolve(name + ".sh");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.createDirectories(dir.resolve("xdg/config/agentorchestr"));
        Files.writeString(config.resolve("agents.toml"), "[agents." + name + "]\nbinaries = [\"" + script + "\"]\n"
                + profile);
    }

    /** git status of a worktree, porcelain. */
    private static final class ProjectRepoStatus {
        static String of(Path worktree) {
            return new io.agentorchestr.core.process.SystemProcessRunner().runChecked(
                    io.agentorchestr.core.process.ProcessSpec.of("git", "-C", worktree.toString(), "status",
                            "--porcelain")).stdout().strip();
        }
    }
}
