package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Warm workers with the demo agent in real tmux: the second worker's agent started while the first
 * worked, held at its input with nothing sent to it until its task was pasted, and no warm agent
 * (or its worktree) outlives the goal.
 */
@Timeout(240)
class WarmWorkerIT extends SandboxedRun {

    @Test
    void theNextWorkerOfAnAgentStartsWarmGetsNothingBeforeItsTaskAndNoWarmAgentOutlivesTheGoal() throws Exception {
        warmDemo();
        // One worker at a time: the second spawn comes after the first worker's 3 s, its agent warm by then.
        JsonNode report = goal("Hello note [demo:sleep=3]\nGoodbye note\nThird note", 0, "--max-workers", "1");
        String session = report.get("session").asText();

        WorkerRecord second;
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            List<String> started = store.events(session).stream()
                    .filter(e -> e.kind().equals("worker_state_changed") && e.data().contains("\"to\":\"running\""))
                    .map(EventRecord::data).toList();
            assertFalse(started.get(0).contains("warm"), "the first of a kind starts cold: " + started);
            assertTrue(started.get(1).contains("\"worker\":\"w02\"") && started.get(1).contains(", warm: "),
                    "the second took the agent started while the first worked: " + started);
            second = store.worker(session, "w02").orElseThrow();
        }
        String log = Files.readString(Path.of(second.logPath()), StandardCharsets.UTF_8);
        // The paste's start as the terminal echoed it ("^[[200~"), or as sent.
        int pasted = log.indexOf("[200~");
        assertTrue(pasted > 0, log);
        String beforeTask = log.substring(0, pasted).replaceAll("\u001b\\[[?0-9;]*[a-zA-Z]", "")
                .replaceAll("(\\^\\[|\u001b)$", "");
        assertEquals("demo> ", beforeTask, "at its input, nothing done before its task arrived");
        assertTrue(log.substring(pasted).contains("demo: working on w02: Goodbye note"), log);

        assertEquals(0, GoalEndIT.agentProcesses(List.of(session)), "no agent is left running, warm ones included");
        List<String> worktrees = project.git("worktree", "list", "--porcelain").lines()
                .filter(l -> l.startsWith("worktree ")).toList();
        assertEquals(2, worktrees.size(), "the checkout and the integration worktree: " + worktrees);
        assertEquals(3, report.get("workers").size(), report.toString());
        String panes = dist.tmux("list-panes", "-a", "-F", "#{pane_dead}").stdout();
        assertFalse(panes.lines().anyMatch(l -> l.strip().equals("0")), "no live pane: " + panes);
    }

    /** The demo agent starts in well under a second, so it is not warm unless the user's agents.toml says so. */
    private void warmDemo() throws java.io.IOException {
        Path config = dir.resolve("xdg/config/agentorchestr");
        Files.createDirectories(config);
        Files.writeString(config.resolve("agents.toml"), "[agents.demo]\nwarm = true\n");
    }

    @Test
    void warmFalseInTheProjectsConfigStartsEveryWorkerCold() throws Exception {
        warmDemo();
        Files.createDirectories(project.dir().resolve(".agentorchestr"));
        Files.writeString(project.dir().resolve(".agentorchestr/config.toml"), "[workers]\nwarm = false\n");
        JsonNode report = goal("Hello note [demo:sleep=3]\nGoodbye note", 0, "--max-workers", "1");
        String session = report.get("session").asText();
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            assertTrue(store.events(session).stream().noneMatch(e -> e.data().contains("warm")),
                    "no warm start");
            assertTrue(store.worker(session, "w02").isPresent(), "ids stay consecutive without warm agents");
        }
    }
}
