package io.agentorchestr.core.goal;

import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.StoredSession;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waits are futures completed by changes, not threads; the store is a real SQLite file. */
class WorkerBoardTest {
    @TempDir
    Path dir;
    private SqliteStateStore store;
    private WaitTimer timer;
    private WorkerBoard board;

    @BeforeEach
    void open() {
        store = StoredSession.open(dir.resolve("state.db"), "s1");
        timer = new WaitTimer();
        board = new WorkerBoard("s1", store, timer);
        board.put(worker("w01", WorkerState.RUNNING));
        board.put(worker("w02", WorkerState.RUNNING));
    }

    @AfterEach
    void close() {
        timer.close();
        store.close();
    }

    private static WorkerRecord worker(String id, WorkerState state) {
        Instant now = Instant.now();
        return new WorkerRecord("s1", id, 1, "implementer", "demo", null, "task", "%1", "/wt/" + id, "b-" + id, state,
                null, null, null, "/log", now, now, null, null, null);
    }

    @Test
    void aWaitCompletesWhenTheWorkerFinishesWithoutAThreadWaiting() throws Exception {
        int threadsBefore = Thread.activeCount();
        List<CompletableFuture<WorkerRecord>> waits = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            waits.add(board.awaitTerminal("w01", Duration.ofHours(1)));
        }
        assertTrue(Thread.activeCount() < threadsBefore + 5, "no thread per wait");
        assertEquals(500, board.pendingWaits());
        board.put(worker("w01", WorkerState.DONE));
        for (CompletableFuture<WorkerRecord> w : waits) {
            assertEquals(WorkerState.DONE, w.get(5, TimeUnit.SECONDS).state());
        }
        assertEquals(0, board.pendingWaits());
    }

    @Test
    void aCancelledWaitIsForgotten() {
        CompletableFuture<Wakeup> any = board.awaitAny(List.of(), Duration.ofHours(1));
        assertEquals(1, board.pendingWaits());
        any.cancel(true);
        assertEquals(0, board.pendingWaits());
    }

    @Test
    void waitForAnyHandsEachFinishedWorkerOutOnceAndTimesOutEmpty() throws Exception {
        board.put(worker("w02", WorkerState.FAILED));
        Wakeup first = board.awaitAny(List.of(), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("w02"), first.finished().stream().map(WorkerRecord::id).toList());
        Wakeup second = board.awaitAny(List.of(), Duration.ofMillis(50)).get(5, TimeUnit.SECONDS);
        assertTrue(second.finished().isEmpty() && second.attention().isEmpty());
    }

    @Test
    void attentionWakesAWaitForAny() throws Exception {
        CompletableFuture<Wakeup> any = board.awaitAny(List.of("w01"), Duration.ofHours(1));
        assertFalse(any.isDone());
        board.attention("w01", "it waits for input");
        assertEquals("it waits for input", any.get(5, TimeUnit.SECONDS).attention().get(0).reason());
    }

    @Test
    void pastTheLimitAWaitIsRefusedWithAClearError() {
        for (int i = 0; i < PendingWaits.MAX; i++) {
            board.awaitTerminal("w01", Duration.ofHours(1));
        }
        ToolError e = assertThrows(ToolError.class, () -> board.awaitTerminal("w01", Duration.ofHours(1)));
        assertTrue(e.getMessage().contains("1000 waits are already pending"), e.getMessage());
    }

    @Test
    void closingTheSessionForgetsPendingWaitsWithoutAFalseAnswer() {
        CompletableFuture<WorkerRecord> w = board.awaitTerminal("w01", Duration.ofHours(1));
        board.close();
        assertEquals(0, board.pendingWaits());
        board.put(worker("w01", WorkerState.DONE));
        assertFalse(w.isDone(), "a paused session's lead hears of w01 after the resume, not as a timeout now");
    }

    @Test
    void anUnknownIdIsAToolErrorListingTheValidOnes() {
        ToolError e = assertThrows(ToolError.class, () -> board.awaitAny(List.of("w09"), Duration.ofSeconds(1)));
        assertEquals("unknown worker id 'w09'; valid ids: w01, w02", e.getMessage());
    }
}
