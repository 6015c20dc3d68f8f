package io.agentorchestr.core.monitor;

import io.agentorchestr.core.testing.PrivateTmux;
import io.agentorchestr.core.testing.TestRepo;
import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.NewPane;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.ControlFiles;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One watch for a session's many workers, on real tmux panes and real files. */
@Timeout(120)
class FleetWatchIT {
    @TempDir
    Path dir;
    private PrivateTmux server;
    private Tmux tmux;
    private FleetWatch fleet;
    private final Map<String, CompletableFuture<Completion>> ended = new ConcurrentHashMap<>();
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final List<String> troubles = new CopyOnWriteArrayList<>();
    private int workers;

    private void start(PrivateTmux s) {
        server = s;
        tmux = server.tmux();
        tmux.newSession("fleet", "lead", new NewPane(List.of("sleep", "600"), dir, Map.of()));
        fleet = new FleetWatch(tmux, "fleet", () -> tmux.hasSession("fleet"),
                (id, e) -> troubles.add(id + ": " + e.getMessage()));
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        server.close();
    }

    /** A worker in its own window and worktree, running {@code script} under the launch wrapper. */
    private WatchedWorker worker(String script) throws IOException {
        String id = "w" + (++workers);
        Path worktree = dir.resolve(id);
        TestRepo.create(worktree);
        Path log = dir.resolve("logs/" + id + ".log");
        Files.createDirectories(log.getParent());
        Path exit = dir.resolve("logs/" + id + ".exit");
        PaneRef pane = tmux.newWindow("fleet", id, new NewPane(GatedCommand.wrap(List.of("sh", "-c", script)),
                worktree, Map.of(GatedCommand.EXIT_FILE_ENV, exit.toString())));
        tmux.setWindowOption(pane.id(), "remain-on-exit", "on");
        tmux.pipePaneTo(pane, log);
        GatedCommand.release(tmux, pane);
        WatchedWorker w = new WatchedWorker(id, pane, worktree, log, exit, OutputMarkers.ignoringQuotesOf(""));
        CompletableFuture<Completion> end = new CompletableFuture<>();
        ended.put(id, end);
        fleet.watch(w, signal -> { }, c -> {
            reports.add(id);
            end.complete(c);
        });
        return w;
    }

    private Completion endOf(WatchedWorker w) throws Exception {
        return ended.get(w.workerId()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void eachWorkerOfTheFleetEndsOnceOnItsOwnSignalWhileTheOthersRunOn() throws Exception {
        start(PrivateTmux.overControlMode(dir));
        WatchedWorker flagged = worker("sleep 600");
        WatchedWorker marked = worker("sleep 1; echo 'WORKER_BLOCKED: need the password'; sleep 600");
        WatchedWorker crashed = worker("echo working; exit 3");
        WatchedWorker killed = worker("sleep 600");
        WatchedWorker clean = worker("sleep 0.5; exit 0");
        WatchedWorker running = worker("sleep 600");

        new DoneFlag(WorkerState.DONE, "flag summary").write(flagged.worktree());
        tmux.killPane(killed.pane());

        assertEquals(new Completion(WorkerState.DONE, "flag summary", Completion.DONE_FLAG, null), endOf(flagged));
        assertEquals(new Completion(WorkerState.BLOCKED, "need the password", Completion.OUTPUT_LINE, null),
                endOf(marked));
        Completion crash = endOf(crashed);
        assertEquals(WorkerState.FAILED, crash.state());
        assertEquals(3, crash.exitStatus());
        assertEquals(Completion.PANE_EXIT, crash.signal());
        assertEquals(Completion.PANE_GONE, endOf(killed).signal());
        assertEquals(WorkerState.DONE, endOf(clean).state());
        assertEquals(0, endOf(clean).exitStatus());

        Thread.sleep(FleetWatch.SWEEP.toMillis() * 2);
        assertTrue(!ended.get(running.workerId()).isDone(), "a running worker is not reported");
        assertEquals(5, reports.size(), reports.toString());
        assertEquals(List.of(), troubles);
    }

    @Test
    void watchingMoreWorkersStartsNoMoreThreads() throws Exception {
        start(PrivateTmux.overControlMode(dir));
        worker("sleep 600");
        Thread.sleep(500);
        int withOne = Thread.getAllStackTraces().size();
        List<WatchedWorker> more = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            more.add(worker("sleep 600"));
        }
        Thread.sleep(FleetWatch.SWEEP.toMillis() * 2);
        int withTwentyOne = Thread.getAllStackTraces().size();
        assertTrue(withTwentyOne - withOne <= 2, withOne + " threads with one worker, " + withTwentyOne + " with 21");
        new DoneFlag(WorkerState.DONE, "last").write(more.get(19).worktree());
        assertEquals("last", endOf(more.get(19)).summary());
    }

    @Test
    void aStoppedWatchReportsNothingAndAWatchOfTheNextAttemptReportsItsOwnEnd() throws Exception {
        start(PrivateTmux.overControlMode(dir));
        WatchedWorker w = worker("sleep 600");
        fleet.stopAndWait(w.workerId());
        new DoneFlag(WorkerState.DONE, "after the stop").write(w.worktree());
        Thread.sleep(FleetWatch.SWEEP.toMillis() * 2);
        assertTrue(reports.isEmpty(), reports.toString());

        CompletableFuture<Completion> next = new CompletableFuture<>();
        fleet.watch(w, signal -> { }, next::complete);
        assertEquals("after the stop", next.get(30, TimeUnit.SECONDS).summary());
    }

    @Test
    void panesThatWentWithTheWholeTmuxServerAreNotTheirWorkersEndings() throws Exception {
        start(PrivateTmux.overControlMode(dir));
        worker("sleep 600");
        worker("sleep 600");
        tmux.killServer();
        Thread.sleep(FleetWatch.SWEEP.toMillis() * 3);
        assertTrue(reports.isEmpty(), reports.toString());
    }

    @Test
    void withTmuxCommandsAsProcessesAKilledPaneIsFoundByTheSweep() throws Exception {
        start(new PrivateTmux(dir));
        WatchedWorker killed = worker("sleep 600");
        WatchedWorker crashed = worker("sleep 0.3; exit 7");
        tmux.killPane(killed.pane());
        assertEquals(Completion.PANE_GONE, endOf(killed).signal());
        assertEquals(7, endOf(crashed).exitStatus());
    }

    @Test
    void aWorkerWhoseControlDirectoryIsDeletedAndMadeAgainIsStillHeard() throws Exception {
        start(PrivateTmux.overControlMode(dir));
        WatchedWorker w = worker("sleep 600");
        Thread.sleep(300);
        new ProcessBuilder("rm", "-rf", ControlFiles.controlDir(w.worktree()).toString()).start().waitFor();
        Thread.sleep(FleetWatch.SWEEP.toMillis() + 300);
        new DoneFlag(WorkerState.FAILED, "tests broke").write(w.worktree());
        Completion c = endOf(w);
        assertEquals(WorkerState.FAILED, c.state());
        assertEquals("tests broke", c.summary());
    }

    @Test
    void aWorkerLinePrintedJustBeforeTheAgentExitsDecidesOverTheExit() throws Exception {
        start(PrivateTmux.overControlMode(dir));
        List<WatchedWorker> last = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            last.add(worker("printf 'WORKER_BLOCKED: last words " + i + "\\n'; exit 0"));
        }
        for (int i = 0; i < 5; i++) {
            Completion c = endOf(last.get(i));
            // Its exit status is known when the exit came first, not when the line was read before it.
            assertEquals(List.of(WorkerState.BLOCKED, "last words " + i, Completion.OUTPUT_LINE),
                    List.of(c.state(), c.summary(), c.signal()));
        }
    }

    @Test
    void anExitRecordedWithoutTheWrappersMarkIsTakenAfterAMoment() throws Exception {
        start(PrivateTmux.overControlMode(dir));
        // As a wrapper of an older version would leave it: the exit file, and no mark in the log.
        WatchedWorker w = worker("printf '3\\n' > \"$" + GatedCommand.EXIT_FILE_ENV + "\"; exec sleep 600");
        Completion c = endOf(w);
        assertEquals(Completion.PANE_EXIT, c.signal());
        assertEquals(3, c.exitStatus());
    }
}
