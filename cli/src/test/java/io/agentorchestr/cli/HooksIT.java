package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nine hooks of hooks.json, fired for real around demo goals and manual tasks, and their vetoes. */
@Timeout(240)
class HooksIT extends SandboxedRun {
    private HookRecorder recorder;
    private Path hooksFile;

    @BeforeEach
    void recorder() throws IOException {
        recorder = new HookRecorder(dir.resolve("hook-events"));
        hooksFile = project.dir().resolve(".agentorchestr/hooks.json");
    }

    private List<EventRecord> events(String session) {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.events(session);
        }
    }

    private List<SessionRecord> sessions() {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.recentSessions(10);
        }
    }

    @Test
    void everyHookOfAGoalFiresWithItsJsonGlobalOnesFirstAndANullEntryIgnored() throws IOException {
        recorder.writeHooks(hooksFile, Map.of("on_resume", "null-is-replaced"));
        Files.writeString(hooksFile, Files.readString(hooksFile).replace("\"null-is-replaced\"", "null"));
        Path global = dist.environment().entrySet().stream().filter(e -> e.getKey().equals("XDG_CONFIG_HOME"))
                .map(e -> Path.of(e.getValue(), "agentorchestr", "hooks.json")).findFirst().orElseThrow();
        Files.createDirectories(global.getParent());
        Files.writeString(global, "{\"pre_session\": \"echo global > " + dir.resolve("global-ran") + "\"}");
        project.verifyCommands("test -f demo/w01.md");

        JsonNode out = goal("Add a greeting\nDoomed [demo:fail]", 3);

        String session = out.get("session").asText();
        assertTrue(Files.exists(dir.resolve("global-ran")), "the global hooks.json ran too");
        List<String> names = recorder.names();
        assertEquals("pre_session", names.get(0), names.toString());
        assertEquals("post_session", names.get(names.size() - 1), names.toString());
        for (String e : List.of("pre_task", "pre_task", "post_task", "post_task", "on_failure", "on_failure",
                "pre_eval", "post_eval")) {
            assertTrue(names.contains(e), e + " in " + names);
        }
        assertEquals(2, recorder.of("pre_task").size());
        assertEquals(2, recorder.of("post_task").size());
        assertFalse(names.contains("on_pause") || names.contains("on_resume"), names.toString());

        JsonNode start = recorder.of("pre_session").get(0);
        assertEquals(session, start.get("session_id").asText());
        assertEquals("auto", start.get("mode").asText());
        assertEquals("Add a greeting\nDoomed [demo:fail]", start.get("goal").asText());
        assertEquals("demo", start.get("lead").asText());
        assertEquals(project.dir().toRealPath().toString(), Path.of(start.get("project").asText()).toRealPath()
                .toString());
        assertEquals("pre_session " + session + " auto ", start.get("$env").asText());
        JsonNode task = recorder.of("pre_task").get(0);
        assertEquals("w01", task.get("worker_id").asText());
        assertEquals("Add a greeting", task.get("task").asText());
        assertEquals("agentorchestr/" + session + "/implementer-w01", task.get("branch").asText());
        assertEquals("pre_task " + session + " auto w01", task.get("$env").asText());
        JsonNode failed = recorder.of("post_task").stream().filter(t -> t.get("worker_id").asText().equals("w02"))
                .findFirst().orElseThrow();
        assertEquals("failed", failed.get("state").asText());
        assertTrue(recorder.of("on_failure").stream().anyMatch(f -> f.get("scope").asText().equals("worker")
                && f.get("worker_id").asText().equals("w02")), recorder.of("on_failure").toString());
        assertTrue(recorder.of("on_failure").stream().anyMatch(f -> f.get("scope").asText().equals("session")));
        JsonNode eval = recorder.of("post_eval").get(0);
        assertTrue(eval.get("passed").asBoolean(), eval.toString());
        assertEquals("test -f demo/w01.md", eval.get("runs").get(0).get("command").asText());
        JsonNode end = recorder.of("post_session").get(0);
        assertEquals("failed", end.get("status").asText());
        assertEquals(2, end.get("workers").size());
        assertFalse(end.get("workers").get(0).get("merged_commit").isNull(), end.toString());

        long runs = events(session).stream().filter(e -> e.kind().equals("hook_ran")).count();
        assertEquals(recorder.recorded().size() + 1, runs, "every run is in the event log, the global one too");
    }

    @Test
    void aPreTaskVetoRefusesTheSpawnWithTheHooksMessage() throws IOException {
        writeHooks("""
                {"pre_task": "if grep -q secrets; then echo 'no worker may touch the secrets' >&2; exit 1; fi"}
                """);

        JsonNode out = goal("Rotate the secrets", 3);

        assertEquals("failed", out.get("state").asText());
        assertTrue(out.get("summary").asText().contains("no worker may touch the secrets"), out.toString());
        assertEquals(0, out.get("workers").size(), "no worker was started");
        List<EventRecord> events = events(out.get("session").asText());
        assertTrue(events.stream().anyMatch(e -> e.kind().equals("hook_ran") && e.data().contains("\"vetoed\":true")
                && e.data().contains("no worker may touch the secrets")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.kind().equals("tool_called") && e.data().contains("spawn_worker")
                && e.data().contains("\"error\":true")), "the lead got a tool error");
        assertFalse(project.git("branch", "--list", "agentorchestr/*implementer*").contains("w01"));
    }

    @Test
    void aPreSessionVetoRefusesTheRunBeforeAnythingStarts() throws IOException {
        writeHooks("{\"pre_session\": [\"echo 'the build is red: fix main first' >&2; exit 2\"]}");

        ExecResult r = dist.run("--goal", "Add a greeting", "--agents", "demo", "--project", project.dir().toString(),
                "--no-attach");

        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("the build is red: fix main first"), r.stderr());
        assertTrue(r.stderr().contains(hooksFile.toString()), r.stderr());
        SessionRecord s = sessions().get(0);
        assertEquals(SessionStatus.FAILED, s.status());
        assertTrue(s.summary().contains("the build is red"), s.summary());
        assertEquals("", project.git("branch", "--list", "agentorchestr/*"), "no branch was made");
        assertFalse(dist.tmux("has-session", "-t", "agentorchestr-" + s.id()).ok(), "no tmux session");
    }

    @Test
    void aManualTaskFiresItsHooksAndAFailedOneItsOnFailure() throws IOException {
        recorder.writeHooks(hooksFile, Map.of());

        ExecResult r = dist.run("--manual", "--task", "Break it [demo:fail]", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json");

        assertEquals(3, r.exitCode(), r.stderr());
        assertEquals(List.of("pre_session", "pre_task", "post_task", "on_failure", "on_failure", "post_session"),
                recorder.names());
        JsonNode start = recorder.of("pre_session").get(0);
        assertEquals("manual", start.get("mode").asText());
        assertEquals("Break it [demo:fail]", start.get("task").asText());
        assertEquals("failed", recorder.of("post_task").get(0).get("state").asText());
        assertEquals("failed", recorder.of("post_session").get(0).get("status").asText());
    }

    @Test
    void ctrlCOnAManualTaskFiresOnPause() throws Exception {
        recorder.writeHooks(hooksFile, Map.of());
        Process run = dist.start(dir.resolve("manual.log"), "--manual", "--task", "Slow [demo:sleep=30]", "--agents",
                "demo", "--project", project.dir().toString(), "--no-attach");
        try {
            io.agentorchestr.core.testing.Poll.until("the task's worker started", java.time.Duration.ofSeconds(60),
                    () -> recorder.names().contains("pre_task") && read(dir.resolve("manual.log")).contains("started in pane"));
            new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start().waitFor();
            assertTrue(run.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(4, run.exitValue(), Files.readString(dir.resolve("manual.log")));
        } finally {
            run.destroyForcibly();
        }
        assertEquals(List.of("pre_session", "pre_task", "on_pause"), recorder.names());
        JsonNode pause = recorder.of("on_pause").get(0);
        assertEquals("interrupted", pause.get("status").asText());
        assertEquals("manual", pause.get("mode").asText());
    }

    @Test
    void aPreTaskVetoInAManualRunEndsItWithTheReason() throws IOException {
        writeHooks("{\"pre_task\": \"echo 'manual tasks are off today' >&2; false\"}");

        ExecResult r = dist.run("--manual", "--task", "Anything", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach");

        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("manual tasks are off today"), r.stderr());
        assertEquals(SessionStatus.FAILED, sessions().get(0).status());
    }

    @Test
    void sigtermDuringAManualRunsPreTaskHookStopsTheHookStartsNoAgentAndEndsTheSessionInterrupted()
            throws Exception {
        Path hookPid = dir.resolve("hook-sleep.pid");
        writeHooks("{\"pre_task\": \"sleep 120 & echo $! > " + hookPid + "; wait\"}");
        Process run = dist.start(dir.resolve("manual.log"), "--manual", "--task", "Anything", "--agents", "demo",
                "--project", project.dir().toString(), "--no-attach");
        long sleeper;
        try {
            io.agentorchestr.core.testing.Poll.until("the pre_task hook running", java.time.Duration.ofSeconds(60),
                    () -> !read(hookPid).isBlank());
            sleeper = Long.parseLong(read(hookPid).strip());
            new ProcessBuilder("kill", "-TERM", String.valueOf(run.pid())).start().waitFor();
            assertTrue(run.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "it stops without the hook's 120 s");
        } finally {
            run.destroyForcibly();
        }

        String log = read(dir.resolve("manual.log"));
        assertEquals(4, run.exitValue(), log);
        SessionRecord s = sessions().get(0);
        assertTrue(log.contains("interrupted during the pre_task hook, before its agent started; session " + s.id()
                + " ended"), log);
        assertEquals(SessionStatus.INTERRUPTED, s.status(), "a final state, not running for good");
        assertTrue(s.summary().contains("interrupted during the pre_task hook"), s.summary());
        io.agentorchestr.core.testing.Poll.until("the hook's own process stopped", java.time.Duration.ofSeconds(10),
                () -> ProcessHandle.of(sleeper).map(h -> !h.isAlive()).orElse(true));
        assertEquals("", project.git("branch", "--list", "agentorchestr/*").strip(), "no worker branch was made");
        assertFalse(events(s.id()).stream().anyMatch(e -> e.kind().equals("worker_spawned")), "no agent started");
    }

    @Test
    void anInvalidHooksFileStopsTheRunNamingTheFileAndTheLine() throws IOException {
        writeHooks("{\n  \"pre_task\": [],\n  \"post_tsak\": \"echo\"\n}\n");

        ExecResult r = dist.run("--goal", "Add a greeting", "--agents", "demo", "--project", project.dir().toString(),
                "--no-attach");

        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("invalid hooks file " + hooksFile + ", line 3: unknown event \"post_tsak\""),
                r.stderr());
        assertFalse(Files.exists(dist.stateDb()) && !sessions().isEmpty(), "no session was created");
    }

    /** The project's hooks.json, as given. */
    private void writeHooks(String json) throws IOException {
        Files.createDirectories(hooksFile.getParent());
        Files.writeString(hooksFile, json);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
