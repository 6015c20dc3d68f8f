package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.testing.FakeTmux;
import io.agentorchestr.core.testing.TestRepo;
import io.agentorchestr.core.worker.WorkerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Warm agents on a real repository and store, panes in memory: started ahead, held at the input, taken, stopped. */
@Timeout(60)
class WarmWorkersTest extends TeamTest {

    @Test
    void theNextSpawnOfAKindTakesItsWarmAgentWhichGotNothingUntilItsPromptWasPasted() throws Exception {
        team = TeamFixture.openWarm(dir, 2, repo -> { });
        WorkerRecord first = team.spawn("write a.txt");
        assertEquals("w01", first.id(), "the first of a kind starts cold");
        WorkerId held = awaitWarm();
        assertEquals("w02", held.toString());

        FakeTmux.Pane warm = paneOf(held);
        assertTrue(warm.typed.contains("C-d"), "the agent was let start: " + warm.typed);
        assertEquals(1, warm.typed.size(), "nothing was typed into it but the gate's release: " + warm.typed);
        String launch = Files.readString(Path.of(team.session.sessionDir(), "env", "w02.env"));
        assertFalse(launch.contains("--prompt-file"), "no prompt at launch, whatever the profile says: " + launch);
        assertFalse(Files.exists(Path.of(team.session.sessionDir(), "prompts", "w02.md")), "no task yet");
        assertEquals("", team.git("branch", "--list", "*w02*"), "no branch until it has a task");

        WorkerRecord second = team.spawn("write b.txt");
        assertEquals("w02", second.id());
        assertEquals(warm.ref.id(), second.paneId(), "the warm agent's pane is the worker's");
        assertEquals(WorkerState.RUNNING, second.state());
        assertEquals(second.branch(), TestRepo.gitIn(Path.of(second.worktree()), "branch", "--show-current"));
        assertEquals(team.session.baseCommit(), TestRepo.gitIn(Path.of(second.worktree()), "rev-parse", "HEAD"));
        assertTrue(warm.typed.stream().anyMatch(t -> t.contains("write b.txt") && t.contains("You are worker w02")),
                "its prompt was pasted: " + warm.typed);
        assertTrue(Files.readString(Path.of(team.session.sessionDir(), "prompts", "w02.md")).contains("write b.txt"));
        assertTrue(team.store.events(TeamFixture.SESSION).stream().map(EventRecord::data)
                .anyMatch(d -> d.contains("w02") && d.contains("warm: ")), "its start says it was warm");
        assertEquals("w03", awaitWarm().toString(), "the next one is warm again");
    }

    @Test
    void aWarmAgentNobodyTookIsStoppedAndItsWorktreeRemovedWhenTheSessionStopsSpawning() throws Exception {
        team = TeamFixture.openWarm(dir, 2, repo -> { });
        team.spawn("write a.txt");
        WorkerId held = awaitWarm();
        FakeTmux.Pane warm = paneOf(held);
        Path worktree = Path.of(Files.readString(Path.of(team.session.sessionDir(), "env", "w02.env"))
                .lines().filter(l -> l.startsWith("cd -- ")).findFirst().orElseThrow()
                .replaceAll("^cd -- '([^']*)'.*$", "$1"));
        assertTrue(Files.isDirectory(worktree), worktree.toString());

        team.supervisor.stopWatching();

        assertTrue(team.tmux.pane(warm.ref.id()).isEmpty(), "its pane was killed");
        assertFalse(Files.exists(worktree), "its clean worktree is gone");
        assertFalse(Files.exists(Path.of(team.session.sessionDir(), "env", "w02.env")), "and its launch file");
        assertEquals(Optional.empty(), team.supervisor.spawner().warm().ready("demo"));
    }

    @Test
    void aSpawnWhileTheWarmAgentIsStillStartingWaitsForItAndTakesIt() throws Exception {
        team = TeamFixture.openWarm(dir, 3, repo -> { });
        team.tmux.show("loading plugins...");
        team.spawn("write a.txt");
        awaitPaneOf(new WorkerId(2));

        java.util.concurrent.CompletableFuture<WorkerRecord> second = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> team.spawn("write b.txt"));
        Thread.sleep(500);
        assertFalse(second.isDone(), "it waits for the agent that started first");
        team.tmux.show("demo> ");

        WorkerRecord w = second.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("w02", w.id(), "ids stay in spawn order");
        assertEquals(paneOf(new WorkerId(2)).ref.id(), w.paneId());
    }

    @Test
    void warmFalseInTheProjectsConfigStartsNoAgentAhead() throws Exception {
        team = TeamFixture.openWarm(dir, 2, repo -> {
            Files.createDirectories(repo.dir().resolve(".agentorchestr"));
            Files.writeString(repo.dir().resolve(".agentorchestr/config.toml"), "[workers]\nwarm = false\n");
        });
        team.spawn("write a.txt");
        Thread.sleep(300);
        assertEquals(2, team.tmux.panes().size(), "the lead's and w01's: " + team.tmux.panes().size());
        assertEquals("w02", team.spawn("write b.txt").id());
    }

    private WorkerId awaitWarm() throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<WorkerId> id = team.supervisor.spawner().warm().ready("demo");
            if (id.isPresent()) {
                return id.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no warm agent within 20 s; progress: " + team.progress);
    }

    private FakeTmux.Pane paneOf(WorkerId id) {
        return team.tmux.panes().stream().filter(p -> id.toString().equals(p.started.env().get("AGENTORCHESTR_WORKER_ID")))
                .findFirst().orElseThrow(() -> new AssertionError("no pane of " + id));
    }

    private void awaitPaneOf(WorkerId id) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (team.tmux.panes().stream().anyMatch(p -> id.toString().equals(p.started.env()
                    .get("AGENTORCHESTR_WORKER_ID")) && p.typed.contains("C-d"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no pane of " + id);
    }
}
