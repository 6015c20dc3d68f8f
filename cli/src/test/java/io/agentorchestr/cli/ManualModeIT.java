package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.testing.TestRepo;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --manual --task} end to end: the assembled launcher, real tmux, real git, the demo agent. */
@Timeout(180)
class ManualModeIT {
    @TempDir
    Path dir;
    private Distribution dist;
    private TestRepo project;
    private Path repo;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws IOException {
        dist = new Distribution(dir);
        project = TestRepo.create(dir.resolve("project"));
        repo = project.dir();
    }

    @AfterEach
    void tearDown() {
        dist.close();
    }

    private String git(String... args) {
        return project.git(args);
    }

    private JsonNode manual(String task, int expectedExit, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("--manual", "--task", task, "--agents", "demo",
                "--project", repo.toString(), "--no-attach", "--json"));
        args.addAll(List.of(extra));
        ExecResult r = dist.run(args.toArray(String[]::new));
        assertEquals(expectedExit, r.exitCode(), "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        return json.readTree(r.stdout());
    }

    @Test
    void aDoneTaskExitsZeroWithItsCommitOnAFreshBranchAndIsRecorded() throws IOException {
        String head = git("rev-parse", "HEAD");
        JsonNode out = manual("Write a hello note", 0);

        assertEquals("done", out.get("state").asText());
        String branch = out.get("branch").asText();
        String session = out.get("session").asText();
        assertEquals("agentorchestr/" + session + "/implementer-w01", branch);
        assertTrue(git("show", branch + ":demo/w01.md").contains("Write a hello note"));
        assertEquals(1, out.get("commits").size());
        Path worktree = Path.of(out.get("worktree").asText());
        assertFalse(worktree.startsWith(repo), "worktree inside the user's checkout: " + worktree);
        assertEquals("main", git("symbolic-ref", "--short", "HEAD"));
        assertEquals(head, git("rev-parse", "HEAD"));
        assertEquals("", git("status", "--porcelain"));

        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            SessionRecord s = store.session(session).orElseThrow();
            assertEquals(SessionStatus.DONE, s.status());
            assertEquals("manual", s.mode());
            assertEquals(head, s.baseCommit());
            WorkerRecord w = store.workers(session).get(0);
            assertEquals(WorkerState.DONE, w.state());
            assertTrue(List.of("done_flag", "output_line").contains(w.signal()), w.signal());
            List<String> kinds = store.events(session).stream().map(EventRecord::kind).toList();
            assertTrue(kinds.containsAll(List.of("session_started", "worker_spawned", "worker_state_changed",
                    "signal_observed", "session_ended")), kinds.toString());
        }

        ExecResult list = dist.run("--list-sessions", "--json");
        assertEquals(0, list.exitCode(), list.stderr());
        JsonNode sessions = json.readTree(list.stdout());
        assertEquals(session, sessions.get(0).get("id").asText());
        assertEquals("done", sessions.get(0).get("status").asText());
        assertEquals("done", sessions.get(0).get("workers").get(0).get("state").asText());
        assertEquals(branch, sessions.get(0).get("workers").get(0).get("branch").asText());

        ExecResult table = dist.run("--list-sessions");
        assertTrue(table.stdout().contains(session) && table.stdout().contains("Write a hello note"), table.stdout());
    }

    @Test
    void aQuestionOnTheWorkersScreenIsReportedWithinSecondsAndCanBeAnswered() throws Exception {
        Path log = dir.resolve("manual.log");
        Process p = dist.start(log, "--manual", "--task", "Ask first [demo:ask]", "--agents", "demo", "--project",
                repo.toString(), "--no-attach", "--json", "--timeout", "5m");
        try {
            String reported = "w01 waits for an answer; its screen asks: demo: waiting for your answer: proceed with "
                    + "w01? (yes/no)";
            io.agentorchestr.core.testing.Poll.until("the question is reported", java.time.Duration.ofSeconds(30),
                    () -> read(log).contains(reported));
            String session = json.readTree(dist.run("--list-sessions", "--json").stdout()).get(0).get("id").asText();
            try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
                assertEquals(WorkerState.WAITING, store.workers(session).get(0).state());
            }
            dist.tmux("send-keys", "-t", "agentorchestr-" + session + ":", "yes", "Enter");
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), read(log));
            assertEquals(0, p.exitValue(), read(log));
        } finally {
            p.destroy();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void aFailedTaskExitsThree() throws IOException {
        JsonNode out = manual("Try something [demo:fail]", 3);
        assertEquals("failed", out.get("state").asText());
        assertTrue(out.get("summary").asText().startsWith("scripted failure"), out.get("summary").asText());
    }

    @Test
    void aBlockedTaskExitsThree() throws IOException {
        JsonNode out = manual("Needs a decision [demo:blocked]", 3);
        assertEquals("blocked", out.get("state").asText());
    }

    @Test
    void aCrashingAgentIsFailedWithItsExitStatus() throws IOException {
        JsonNode out = manual("Crash please [demo:crash]", 3);
        assertEquals("failed", out.get("state").asText());
        assertEquals("pane_exit", out.get("finished_by").asText());
        assertEquals(3, out.get("exit_status").asInt());
        assertEquals(0, out.get("commits").size());
    }

    @Test
    void aSilentAgentThatExitsCleanlyIsDoneByItsExit() throws IOException {
        JsonNode out = manual("Quiet work [demo:silent]", 0);
        assertEquals("done", out.get("state").asText());
        assertEquals("pane_exit", out.get("finished_by").asText());
        assertEquals(0, out.get("exit_status").asInt());
        assertEquals(1, out.get("commits").size());
    }

    @Test
    void workLeftUncommittedIsCommittedToTheWorkersBranch() throws IOException {
        JsonNode out = manual("Leave it for me [demo:nocommit]", 0);
        assertEquals(1, out.get("commits").size());
        assertTrue(out.get("commits").get(0).get("subject").asText().startsWith("agentorchestr: save uncommitted"));
        assertTrue(git("show", out.get("branch").asText() + ":demo/w01.md").contains("Leave it for me"));
        assertFalse(git("show", "--name-only", "--format=", out.get("branch").asText()).contains("done.flag"));
    }

    @Test
    void aHungAgentTimesOutAndExitsThree() throws IOException {
        JsonNode out = manual("Never finishes [demo:hang]", 3, "--timeout", "3s");
        assertEquals("timeout", out.get("state").asText());
    }

    @Test
    void humanReadableOutputNamesStateBranchAndHowToAttach() throws IOException {
        ExecResult r = dist.run("--manual", "--task", "Plain output", "--agents", "demo", "--project",
                repo.toString(), "--no-attach");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("state:    done"), r.stdout());
        assertTrue(r.stdout().contains("branch:   agentorchestr/"), r.stdout());
        assertTrue(r.stdout().contains("attach -t agentorchestr-"), r.stdout());
        assertTrue(r.stderr().contains("started in pane %"), r.stderr());
    }

    @Test
    void theTmuxSessionIsKeptForInspectionWithTheAgentsOutput() throws IOException {
        JsonNode out = manual("Inspect me", 0);
        ExecResult capture = new SystemProcessRunner().run(ProcessSpec.of("tmux", "-S", dist.socket().toString(),
                "capture-pane", "-p", "-t", out.get("tmux_session").asText()));
        assertTrue(capture.stdout().contains("WORKER_DONE:"), capture.stdout());
    }
}
