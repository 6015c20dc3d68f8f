package io.agentorchestr.core.attend;

import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TeamCountsTest {
    @Test
    void whatNeedsThePersonComesFirstAndStartingCountsAsRunning() {
        List<WorkerRecord> team = List.of(w("w01", WorkerState.RUNNING, null), w("w02", WorkerState.STARTING, null),
                w("w03", WorkerState.DONE, "abc"), w("w04", WorkerState.WAITING, null),
                w("w05", WorkerState.FAILED, null));
        assertEquals("1 waiting · 2 running · 1 merged · 1 failed · 2h05m",
                TeamCounts.of(team, Duration.ofMinutes(125)));
    }

    @Test
    void aTeamWithNoWorkersSaysSo() {
        assertEquals("no workers yet · 42s", TeamCounts.of(List.of(), Duration.ofSeconds(42)));
    }

    @Test
    void aNameThatTmuxWouldReadAsAFormatIsShownWithoutItsHashes() {
        PaneLook look = PaneLook.of(w("w01", WorkerState.HUNG, null), Duration.ofSeconds(61));
        assertEquals("w01 · tests  [fg=red] · demo · hung 1m", look.text());
        assertEquals("fg=black,bg=magenta,bold", look.style());
    }

    private static WorkerRecord w(String id, WorkerState state, String merged) {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        return new WorkerRecord("s1", id, 1, id.equals("w01") ? "tests #[fg=red]" : "tests", "demo", null, "task",
                "%1", "/tmp/w", "b", state, null, null, null, null, t, t, null, merged, null);
    }
}
