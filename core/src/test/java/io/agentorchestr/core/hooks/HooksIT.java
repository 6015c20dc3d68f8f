package io.agentorchestr.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.process.SystemProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hook commands run for real through sh: stdin, environment, working directory, veto, order, timeout. */
class HooksIT {
    @TempDir
    Path dir;

    private final List<HookRun> runs = new CopyOnWriteArrayList<>();

    private Hooks hooks(Duration timeout, HookCommand... commands) {
        return new Hooks(new HookSet(List.of(commands), timeout), new SystemProcessRunner(), dir,
                Map.of("session_id", "s1", "mode", "auto"), runs::add);
    }

    private HookCommand hook(HookEvent event, String command) {
        return new HookCommand(event, command, dir.resolve("hooks.json"));
    }

    @Test
    void aHookGetsTheEventOnStdinAndItsVariablesAndRunsInTheProjectRoot() throws Exception {
        try (Hooks h = hooks(Hooks.DEFAULT_TIMEOUT, hook(HookEvent.PRE_TASK,
                "cat > event.json; pwd > where; echo \"$AGENTORCHESTR_HOOK_EVENT $AGENTORCHESTR_SESSION_ID "
                        + "$AGENTORCHESTR_MODE $AGENTORCHESTR_WORKER_ID\" > env"))) {
            assertEquals(Optional.empty(), h.check(HookEvent.PRE_TASK, Map.of("worker_id", "w03", "task", "Add \"x\"")));
        }
        JsonNode event = new ObjectMapper().readTree(Files.readString(dir.resolve("event.json")));
        assertEquals("pre_task", event.get("event").asText());
        assertEquals("s1", event.get("session_id").asText());
        assertEquals("w03", event.get("worker_id").asText());
        assertEquals("Add \"x\"", event.get("task").asText());
        assertEquals(dir.toString(), event.get("project").asText());
        assertEquals(dir.toRealPath().toString(), Files.readString(dir.resolve("where")).strip());
        assertEquals("pre_task s1 auto w03", Files.readString(dir.resolve("env")).strip());
        assertEquals(1, runs.size());
        assertTrue(runs.get(0).ok());
        assertEquals("w03", runs.get(0).worker());
    }

    @Test
    void whatAHookStartsAndLeavesRunningEndsWithTheHook() throws Exception {
        try (Hooks h = hooks(Hooks.DEFAULT_TIMEOUT, hook(HookEvent.PRE_TASK,
                "nohup sleep 300 > /dev/null 2>&1 & echo $! > stray; exit 0"))) {
            assertEquals(Optional.empty(), h.check(HookEvent.PRE_TASK, Map.of("worker_id", "w01")));
        }
        long stray = Long.parseLong(Files.readString(dir.resolve("stray")).strip());
        io.agentorchestr.core.testing.Poll.until("the hook's background process to be gone", Duration.ofSeconds(10),
                () -> ProcessHandle.of(stray).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void theFirstFailingPreHookRefusesWithItsStderrAndTheRestDoNotRun() throws Exception {
        try (Hooks h = hooks(Hooks.DEFAULT_TIMEOUT, hook(HookEvent.PRE_SESSION, "true"),
                hook(HookEvent.PRE_SESSION, "echo 'no sessions on Fridays' >&2; exit 3"),
                hook(HookEvent.PRE_SESSION, "touch third-ran"))) {
            Optional<HookRun> veto = h.check(HookEvent.PRE_SESSION, Map.of());
            assertTrue(veto.isPresent());
            assertEquals(3, veto.get().exitCode());
            assertTrue(veto.get().vetoed());
            assertTrue(veto.get().reason().contains("refused: no sessions on Fridays (it exited with 3)"),
                    veto.get().reason());
        }
        assertFalse(Files.exists(dir.resolve("third-ran")));
        assertEquals(2, runs.size());
    }

    @Test
    void aPreHookThatTimesOutRefuses() throws Exception {
        try (Hooks h = hooks(Duration.ofSeconds(1), hook(HookEvent.PRE_EVAL, "sleep 20"))) {
            Optional<HookRun> veto = h.check(HookEvent.PRE_EVAL, Map.of());
            assertTrue(veto.isPresent());
            assertTrue(veto.get().timedOut());
            assertTrue(veto.get().reason().contains("it timed out"), veto.get().reason());
        }
    }

    @Test
    void firedHooksRunInOrderInTheBackgroundAndCloseWaitsForThem() throws Exception {
        Hooks h = hooks(Hooks.DEFAULT_TIMEOUT, hook(HookEvent.POST_TASK, "sleep 0.3; echo one >> order"),
                hook(HookEvent.POST_TASK, "echo two >> order"), hook(HookEvent.ON_FAILURE, "exit 7"));
        h.fire(HookEvent.POST_TASK, Map.of("worker_id", "w01"));
        h.fire(HookEvent.ON_FAILURE, Map.of("scope", "worker"));
        h.close();
        assertEquals("one\ntwo\n", Files.readString(dir.resolve("order")));
        assertEquals(3, runs.size());
        HookRun failed = runs.get(2);
        assertEquals(7, failed.exitCode());
        assertFalse(failed.vetoed(), "an on_failure hook refuses nothing");
        h.fire(HookEvent.POST_TASK, Map.of());
        assertEquals(3, runs.size(), "nothing runs once closed");
    }
}
