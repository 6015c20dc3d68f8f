package io.agentorchestr.core.monitor;

import io.agentorchestr.core.testing.PrivateTmux;
import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.NewPane;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.ControlFiles;
import io.agentorchestr.core.worker.Perspective;
import io.agentorchestr.core.worker.WorkerBrief;
import io.agentorchestr.core.worker.WorkerPrompt;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Completion signals from a real pane: done flag, output line, exit status, vanished pane, timeout. */
@Timeout(60)
class CompletionDetectorIT {
    @TempDir
    Path dir;
    private PrivateTmux server;
    private Tmux tmux;
    private final List<Completion> observed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new PrivateTmux(dir);
        tmux = server.tmux();
        io.agentorchestr.core.testing.TestRepo.create(dir.resolve("wt"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WatchedWorker run(String script) {
        Path log = dir.resolve("logs/w01.log");
        PaneRef pane = tmux.newSession("c", "w", new NewPane(GatedCommand.wrap(List.of("sh", "-c", script)),
                dir.resolve("wt"), Map.of(GatedCommand.EXIT_FILE_ENV,
                dir.resolve("logs/w01.exit").toString())));
        tmux.setWindowOption(pane.id(), "remain-on-exit", "on");
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        tmux.pipePaneTo(pane, log);
        GatedCommand.release(tmux, pane);
        String prompt = WorkerPrompt.build("w01", "b", WorkerBrief.of("task", Perspective.IMPLEMENTER), false);
        return new WatchedWorker("w01", pane, dir.resolve("wt"), log, dir.resolve("logs/w01.exit"),
                OutputMarkers.ignoringQuotesOf(prompt));
    }

    private Completion await(WatchedWorker w, Duration timeout) throws InterruptedException {
        return new CompletionDetector(tmux).await(w, Instant.now().plus(timeout), observed::add);
    }

    @Test
    void aDoneFlagWrittenWhileWaitingEndsTheWait() throws Exception {
        WatchedWorker w = run("sleep 600");
        // Written once the detector is already waiting: the file watch, not a first look, must see it.
        java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        later.schedule(() -> {
            new DoneFlag(WorkerState.DONE, "flag summary").write(w.worktree());
            return null;
        }, 300, java.util.concurrent.TimeUnit.MILLISECONDS);
        Completion c = await(w, Duration.ofSeconds(30));
        later.shutdown();
        assertEquals(new Completion(WorkerState.DONE, "flag summary", Completion.DONE_FLAG, null), c);
    }

    @Test
    void aMarkerLineInThePaneOutputIsASignalButQuotesOfThePromptAreNot() throws Exception {
        WatchedWorker w = run("echo 'Print one line: `WORKER_DONE: <summary>`'; sleep 1; "
                + "printf '\\033[1mWORKER_BLOCKED:\\033[0m need the database password\\n'; sleep 600");
        Completion c = await(w, Duration.ofSeconds(30));
        assertEquals(WorkerState.BLOCKED, c.state());
        assertEquals("need the database password", c.summary());
        assertEquals(Completion.OUTPUT_LINE, c.signal());
    }

    @Test
    void anAgentExitingNonZeroWithoutReportingIsFailedWithItsStatus() throws Exception {
        Completion c = await(run("echo working; exit 3"), Duration.ofSeconds(30));
        assertEquals(WorkerState.FAILED, c.state());
        assertEquals(3, c.exitStatus());
        assertEquals(Completion.PANE_EXIT, c.signal());
        assertTrue(c.summary().contains("status 3"), c.summary());
    }

    @Test
    void aFlagWrittenJustBeforeExitWinsOverTheExitAndBothAreRecorded() throws Exception {
        Path flag = ControlFiles.doneFlag(dir.resolve("wt"));
        Completion c = await(run("mkdir -p " + flag.getParent() + "; printf 'failed\\ntests broke\\n' > "
                + flag + "; exit 0"), Duration.ofSeconds(30));
        assertEquals(WorkerState.FAILED, c.state());
        assertEquals("tests broke", c.summary());
        assertEquals(Completion.DONE_FLAG, c.signal());
        assertTrue(observed.stream().anyMatch(o -> o.signal().equals(Completion.DONE_FLAG)));
    }

    @Test
    void aCleanExitWithoutAReportCountsAsDone() throws Exception {
        Completion c = await(run("exit 0"), Duration.ofSeconds(30));
        assertEquals(WorkerState.DONE, c.state(), c.toString());
        assertEquals(0, c.exitStatus());
    }

    @Test
    void aPaneKilledFromOutsideEndsAsKilled() throws Exception {
        WatchedWorker w = run("sleep 600");
        tmux.killPane(w.pane());
        Completion c = await(w, Duration.ofSeconds(30));
        assertEquals(WorkerState.KILLED, c.state());
        assertEquals(Completion.PANE_GONE, c.signal());
    }

    @Test
    void noSignalBeforeTheDeadlineIsATimeout() throws Exception {
        Completion c = await(run("sleep 600"), Duration.ofMillis(700));
        assertEquals(WorkerState.TIMEOUT, c.state());
        assertEquals(List.of(Completion.TIMEOUT), observed.stream().map(Completion::signal).toList());
    }

    @Test
    void aWorktreeDeletedUnderARunningWorkerEndsItAsFailedWithTheReason() throws Exception {
        WatchedWorker w = run("sleep 30");
        java.util.concurrent.CompletableFuture<Completion> c = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return await(w, Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        new ProcessBuilder("rm", "-rf", w.worktree().toString()).start().waitFor();
        Completion done = c.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(Completion.WORKTREE_GONE, done.signal());
        assertEquals(WorkerState.FAILED, done.state());
        assertTrue(done.summary().contains("was deleted while it ran"), done.summary());
    }
}
