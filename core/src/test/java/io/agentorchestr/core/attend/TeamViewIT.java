package io.agentorchestr.core.attend;

import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.Poll;
import io.agentorchestr.core.testing.PrivateTmux;
import io.agentorchestr.core.testing.SettableClock;
import io.agentorchestr.core.tmux.NewPane;
import io.agentorchestr.core.tmux.PanePlacer;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The team view against a real tmux server: borders and counts follow the workers, globals stay. */
@Timeout(60)
class TeamViewIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aWorkersBorderFollowsItThroughRunningWaitingDoneAndMergedAndTheCountsFollowTheTeam() {
        try (PrivateTmux server = PrivateTmux.overControlMode(dir)) {
            Tmux tmux = server.tmux();
            PanePlacer placer = new PanePlacer(tmux);
            placer.openSession("s", new NewPane(List.of("sleep", "600"), dir, Map.of()));
            String globalsBefore = direct("show-options", "-g") + direct("show-options", "-g", "-w");
            PaneRef pane = placer.addPane("s", new NewPane(List.of("sleep", "600"), dir, Map.of()));
            List<WorkerRecord> team = new CopyOnWriteArrayList<>(List.of(worker(pane, WorkerState.RUNNING, null)));
            try (TeamView view = new TeamView(tmux, "s", () -> new ArrayList<>(team), Instant.now(), Clock.systemUTC())
                    .start()) {
                awaitBorder(pane, "#[fg=green,bold] w01 · tests · demo · running #[default]");
                assertTrue(direct("show-options", "-v", "-t", "s", TeamView.TEAM).startsWith("1 running · "));

                team.set(0, worker(pane, WorkerState.WAITING, null));
                view.changed();
                awaitBorder(pane, "#[fg=black,bg=yellow,bold] w01 · tests · demo · waiting #[default]");

                team.set(0, worker(pane, WorkerState.DONE, null));
                view.changed();
                awaitBorder(pane, "#[fg=blue,bold] w01 · tests · demo · done #[default]");

                team.set(0, worker(pane, WorkerState.DONE, "abc123"));
                view.changed();
                awaitBorder(pane, "#[fg=black,bg=green] w01 · tests · demo · merged #[default]");
                Poll.until("the counts say merged", WAIT,
                        () -> direct("show-options", "-v", "-t", "s", TeamView.TEAM).startsWith("1 merged · "));
            }
            assertEquals(globalsBefore, direct("show-options", "-g") + direct("show-options", "-g", "-w"),
                    "only the session's own options were set");
        }
    }

    @Test
    void theTimeInAStateCountsFromTheChangeNotFromTheStartOfTheGoal() {
        try (PrivateTmux server = PrivateTmux.overControlMode(dir)) {
            Tmux tmux = server.tmux();
            PanePlacer placer = new PanePlacer(tmux);
            placer.openSession("s", new NewPane(List.of("sleep", "600"), dir, Map.of()));
            PaneRef pane = placer.addPane("s", new NewPane(List.of("sleep", "600"), dir, Map.of()));
            SettableClock clock = new SettableClock("2026-12-07T10:00:00Z");
            List<WorkerRecord> team = new CopyOnWriteArrayList<>(List.of(worker(pane, WorkerState.RUNNING, null)));
            TeamView view = new TeamView(tmux, "s", () -> team, clock.instant().minusSeconds(3600), clock);
            team.set(0, worker(pane, WorkerState.RUNNING, null, clock.instant().minusSeconds(125)));
            view.refresh();
            assertTrue(border(pane).contains("running 2m"), border(pane));
            clock.advance(Duration.ofSeconds(30));
            team.set(0, worker(pane, WorkerState.WAITING, null, clock.instant()));
            view.refresh();
            clock.advance(Duration.ofSeconds(45));
            view.refresh();
            assertTrue(border(pane).contains("waiting 45s"), border(pane));
            assertEquals("1 waiting · 1h01m", direct("show-options", "-v", "-t", "s", TeamView.TEAM).strip());
        }
    }

    private void awaitBorder(PaneRef pane, String expected) {
        // The time in the state is left out: a loaded machine may take a second to show the change.
        Poll.until("the border shows " + expected, WAIT,
                () -> border(pane).replaceAll(" \\d+s #\\[default]$", " #[default]").equals(expected));
    }

    /** The pane's border label as tmux draws it: the window's format expanded for the pane. */
    private String border(PaneRef pane) {
        return direct("display-message", "-p", "-t", pane.id(), "#{E:pane-border-format}").strip();
    }

    private WorkerRecord worker(PaneRef pane, WorkerState state, String merged) {
        return worker(pane, state, merged, Instant.now());
    }

    private WorkerRecord worker(PaneRef pane, WorkerState state, String merged, Instant updated) {
        return new WorkerRecord("s1", "w01", 1, "tests", "demo", null, "task", pane.id(), "/tmp/w", "b", state, null,
                null, null, null, updated, updated, null, merged, null);
    }

    private String direct(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-S", dir.resolve("tmux.sock").toString()));
        argv.addAll(List.of(args));
        return new SystemProcessRunner().runChecked(ProcessSpec.of(argv)).stdout();
    }
}
