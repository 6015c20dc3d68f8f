package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.Poll;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions survive the orchestrator: kill -9, tmux kill-server and Ctrl-C, each followed by --resume. */
@Timeout(240)
class DurableSessionIT extends SandboxedRun {
    private Process startGoal(String goal) throws IOException {
        return dist.start(dir.resolve("first-run.log"), "--goal", goal, "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json");
    }

    private SessionRecord onlySession() {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            List<SessionRecord> sessions = store.recentSessions(5);
            assertEquals(1, sessions.size());
            return sessions.get(0);
        }
    }

    private List<WorkerRecord> workers(String session) {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.workers(session);
        }
    }

    private List<EventRecord> events(String session) {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.events(session);
        }
    }

    /** Waits until the store holds a session with {@code n} running workers; returns its id. */
    private String awaitRunningWorkers(int n) {
        Poll.until("a session with " + n + " running workers", Duration.ofSeconds(90),
                () -> Files.exists(dist.stateDb()) && sessionIdOrNull() != null
                        && workers(sessionIdOrNull()).stream().filter(w -> w.state() == WorkerState.RUNNING).count() >= n);
        return sessionIdOrNull();
    }

    private String sessionIdOrNull() {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.recentSessions(1).stream().map(SessionRecord::id).findFirst().orElse(null);
        }
    }

    private JsonNode resume(String id, int expectedExit) throws IOException {
        ExecResult r = dist.run("--resume", id, "--no-attach", "--json");
        assertEquals(expectedExit, r.exitCode(), "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        return json.readTree(r.stdout());
    }

    private void assertAllMergedWithoutNewIds(JsonNode out, String id, int count) {
        assertEquals("done", out.get("state").asText(), out.toString());
        List<WorkerRecord> ws = workers(id);
        assertEquals(count, ws.size(), "no worker id was added or reused: " + ws);
        String log = project.git("log", "--format=%s", "agentorchestr/" + id + "/integration");
        for (int i = 1; i <= count; i++) {
            String w = String.format("w%02d", i);
            assertTrue(log.contains("demo(" + w + ")"), w + "'s commit in the integration branch:\n" + log);
        }
        assertTrue(ws.stream().allMatch(w -> w.state() == WorkerState.DONE && w.mergedCommit() != null), ws.toString());
    }

    @Test
    void killDashNineThenResumeCompletesTheGoalWithWorkFinishedWhileDown() throws Exception {
        Process first = startGoal("Quick [demo:sleep=8]\nSlow [demo:sleep=20]\nSlower [demo:sleep=22]");
        String id = awaitRunningWorkers(3);
        ExecResult second = dist.run("--resume", id, "--no-attach");
        assertEquals(1, second.exitCode(), "a second orchestrator on a running session: " + second.stderr());
        assertTrue(second.stderr().contains("is already being driven by another agentorchestr"), second.stderr());
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        WorkerRecord quick = workers(id).get(0);
        Poll.until("w01 finishing while the orchestrator is down", Duration.ofSeconds(30),
                () -> Files.exists(Path.of(quick.worktree(), ".agentorchestr/done.flag")));
        assertEquals(WorkerState.RUNNING, workers(id).get(0).state(), "nobody recorded it yet");

        JsonNode out = resume(id, 0);

        assertAllMergedWithoutNewIds(out, id, 3);
        assertTrue(events(id).stream().anyMatch(e -> e.kind().equals("session_resumed")
                && e.data().contains("\"tmuxAlive\":true")), "resumed with tmux alive");
        assertEquals(SessionStatus.DONE, onlySession().status());
    }

    @Test
    void killDashNineBeforeTheLeadConnectedThenResumeRelaunchesTheLeadInsteadOfIdling() throws Exception {
        // The lead waits 8 s before it connects: the kill must come first, even on a loaded machine.
        Process first = startGoal("Only [demo:slowstart=8]");
        Poll.until("the lead's pane recorded", Duration.ofSeconds(60), () -> Files.exists(dist.stateDb())
                && sessionIdOrNull() != null && leadPane(sessionIdOrNull()) != null);
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        String id = sessionIdOrNull();
        Path leadLog = Path.of(onlySession().sessionDir(), "logs", "lead.log");
        Poll.until("the lead failing to reach its tools while nobody serves them", Duration.ofSeconds(60),
                () -> read(leadLog).contains("demo lead: error"));

        // Adopted as it was, the lead would sit at its prompt with no tools until the time limit.
        ExecResult r = dist.run("--resume", id, "--no-attach", "--json", "--timeout", "60s");

        assertEquals(0, r.exitCode(), "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        assertAllMergedWithoutNewIds(json.readTree(r.stdout()), id, 1);
        assertTrue(events(id).stream().anyMatch(e -> e.kind().equals("lead_relaunched")
                && e.data().contains("while the lead was starting")), "relaunched, and why");
        assertTrue(events(id).stream().anyMatch(e -> e.kind().equals("lead_ready")
                && e.data().contains("\"launch\":2")), "its second launch got under way");
    }

    /**
     * Killed between a worker's record (starting) and its agent's start, the worker's pane still waits
     * at its gate (the wrapper reading until it is let go; here a {@code cat}, which waits the same way).
     */
    @Test
    void aWorkerStillStartingWhenTheOrchestratorDiedIsStartedAgainOnResume() throws Exception {
        Process first = startGoal("Only [demo:sleep=10]");
        String id = awaitRunningWorkers(1);
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        WorkerRecord w = workers(id).get(0);
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            store.saveWorker(w.withState(WorkerState.STARTING, null, null, null));
        }
        assertTrue(dist.tmux("respawn-pane", "-k", "-t", w.paneId(), "cat").ok(), "the pane waits at its gate");

        ExecResult r = dist.run("--resume", id, "--no-attach", "--json", "--timeout", "60s");

        assertEquals(0, r.exitCode(), "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        assertAllMergedWithoutNewIds(json.readTree(r.stdout()), id, 1);
        assertEquals(2, workers(id).get(0).attempt(), "started again as attempt 2");
        assertTrue(events(id).stream().anyMatch(e -> e.kind().equals("worker_restarted")
                && e.data().contains("stopped while its agent was starting")), "restarted, and why");
    }

    private String leadPane(String session) {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.runtime(session).map(io.agentorchestr.core.model.SessionRuntime::leadPane).orElse(null);
        }
    }

    @Test
    void tmuxKillServerThenResumeRelaunchesTheLeadAndUnfinishedWorkers() throws Exception {
        Process first = startGoal("One [demo:sleep=20]\nTwo [demo:sleep=20]");
        String id = awaitRunningWorkers(2);
        dist.tmux("kill-server");
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the orchestrator stops when its tmux session is gone");
        assertEquals(4, first.exitValue(), read(dir.resolve("first-run.log")));
        assertEquals(SessionStatus.PAUSED, onlySession().status());

        JsonNode out = resume(id, 0);

        assertAllMergedWithoutNewIds(out, id, 2);
        assertTrue(workers(id).stream().allMatch(w -> w.attempt() == 2), "relaunched as attempt 2: " + workers(id));
        assertTrue(events(id).stream().anyMatch(e -> e.kind().equals("lead_relaunched")), "the lead was relaunched");
    }

    @Test
    void ctrlCPausesWithExitFourAndTheSessionResumes() throws Exception {
        HookRecorder hooks = new HookRecorder(dir.resolve("hook-events"));
        hooks.writeHooks(project.dir().resolve(".agentorchestr/hooks.json"), java.util.Map.of());
        Process first = startGoal("Take a while [demo:sleep=8]");
        String id = awaitRunningWorkers(1);
        new ProcessBuilder("kill", "-INT", String.valueOf(first.pid())).start().waitFor();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(4, first.exitValue(), read(dir.resolve("first-run.log")));
        assertEquals(SessionStatus.PAUSED, onlySession().status());
        ExecResult list = dist.run("--list-sessions", "--json");
        JsonNode listed = json.readTree(list.stdout()).get(0);
        assertTrue(listed.get("resumable").asBoolean(), listed.toString());

        JsonNode out = resume(id, 0);

        assertAllMergedWithoutNewIds(out, id, 1);
        assertEquals(1, workers(id).get(0).attempt(), "the worker kept running while paused");
        List<String> fired = hooks.names();
        assertTrue(fired.indexOf("on_pause") > fired.indexOf("pre_task") && fired.indexOf("on_resume")
                > fired.indexOf("on_pause") && fired.get(fired.size() - 1).equals("post_session"), fired.toString());
        assertEquals(1, hooks.of("on_pause").size(), "a pause is not the session's end: " + fired);
        assertEquals("paused", hooks.of("on_pause").get(0).get("status").asText());
        JsonNode resumed = hooks.of("on_resume").get(0);
        assertEquals("paused", resumed.get("from_status").asText());
        assertTrue(resumed.get("tmux_alive").asBoolean(), resumed.toString());
        assertEquals("done", hooks.of("post_session").get(0).get("status").asText());
    }

    @Test
    void aFinishedSessionIsNotResumableAndSaysWhy() throws Exception {
        ExecResult done = dist.run("--goal", "Quick", "--agents", "demo", "--project", project.dir().toString(),
                "--no-attach");
        assertEquals(0, done.exitCode(), done.stderr());
        String id = onlySession().id();
        ExecResult r = dist.run("--resume", id);
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("cannot resume: it ended (done)"), r.stderr());
        ExecResult unknown = dist.run("--resume", "nope");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("--list-sessions"), unknown.stderr());
        ExecResult json = dist.run("--list-sessions", "--json");
        assertTrue(json.stdout().contains("\"resumable_reason\" : \"it ended (done); its work is on branch"), json.stdout());

        ExecResult list = dist.withEnv("COLUMNS", "80").run("--list-sessions");
        List<String> lines = list.stdout().lines().toList();
        assertTrue(lines.get(0).matches("ID +STATUS +RESUME +MODE +PROJECT +WORKERS +AGENTS +USD +CREATED +GOAL"),
                list.stdout());
        String name = project.dir().getFileName().toString();
        assertTrue(lines.get(1).matches(id + " +done +no +auto +" + name + " +1 +demo +unknown +(just now|\\d+ min ago) "
                + "+Quick"), list.stdout());
        ExecResult other = dist.run("--list-sessions", "--project", dir.toString());
        assertEquals("", other.stdout(), "another project's sessions are left out");
        assertTrue(other.stderr().contains("no sessions yet in " + dir), other.stderr());
        assertEquals(2, dist.run("--list-sessions", "--project", project.dir().toString()).stdout().lines().count());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
