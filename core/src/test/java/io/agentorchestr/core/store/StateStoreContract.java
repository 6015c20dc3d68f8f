package io.agentorchestr.core.store;

import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.MessageLog;
import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.OpRecord;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link StateStore} port's contract, run against each of its implementations on a real SQLite
 * file: the store itself ({@link SqliteStateStoreContractTest}) and the fail-soft wrapper a running
 * session writes through ({@link FailSoftStoreContractTest}). What only SQLite does (WAL, migrations,
 * locks, append-only triggers) is tested in {@link SqliteStateStoreTest}.
 */
abstract class StateStoreContract {
    @TempDir
    Path dir;

    /** A store on a new file at {@code db}. */
    abstract StateStore open(Path db);

    @Test
    void sessionsRoundTripAndListNewestFirst() {
        try (StateStore store = open(dir.resolve("state.db"))) {
            store.createSession(SqliteStateStoreTest.session("aaaa0001", Instant.parse("2026-01-01T00:00:00Z")));
            store.createSession(SqliteStateStoreTest.session("aaaa0002", Instant.parse("2026-01-02T00:00:00Z")));
            SessionRecord done = store.session("aaaa0001").orElseThrow().ended(SessionStatus.DONE, "ok");
            store.updateSession(done);

            assertEquals(List.of("aaaa0002", "aaaa0001"), store.recentSessions(10).stream().map(SessionRecord::id).toList());
            SessionRecord read = store.session("aaaa0001").orElseThrow();
            assertEquals(SessionStatus.DONE, read.status());
            assertEquals("ok", read.summary());
            assertEquals(List.of("demo"), read.agents());
            assertTrue(read.endedAt() != null);
            assertTrue(store.session("nope").isEmpty());
        }
    }

    @Test
    void anObserverIsToldOfEachAppendedEventAfterItIsStoredAndAFailingOneStopsNothing() {
        try (StateStore store = open(dir.resolve("state.db"))) {
            store.createSession(SqliteStateStoreTest.session("s1", Instant.now()));
            java.util.List<String> told = new java.util.ArrayList<>();
            store.observe((session, event, at) -> {
                throw new IllegalStateException("an exporter went wrong");
            });
            store.observe((session, event, at) -> told.add(session + " " + event.kind() + " "
                    + store.events(session).size()));
            store.append("s1", new SessionEvent.ProgressReported("lead", "one"));
            store.append("s1", new SessionEvent.ProgressReported("lead", "two"));

            assertEquals(java.util.List.of("s1 progress_reported 1", "s1 progress_reported 2"), told);
        }
    }

    @Test
    void modelCallsAreCountedPerProviderInATimeWindowAndADayOldOnesGo() {
        try (StateStore store = open(dir.resolve("state.db"))) {
            Instant now = Instant.parse("2026-12-07T12:00:00Z");
            store.modelCalls().record("groq", now.minusSeconds(90_000));
            store.modelCalls().record("groq", now.minusSeconds(30));
            store.modelCalls().record("groq", now);
            store.modelCalls().record("gemini", now);

            assertEquals(2, store.modelCalls().since("groq", now.minusSeconds(60)));
            assertEquals(2, store.modelCalls().since("groq", now.minusSeconds(100_000)), "the day-old call was dropped");
            assertEquals(1, store.modelCalls().since("gemini", now.minusSeconds(60)));
        }
    }

    @Test
    void workersAreSavedAndReplacedInIdOrder() {
        try (StateStore store = open(dir.resolve("state.db"))) {
            store.createSession(SqliteStateStoreTest.session("s1", Instant.now()));
            store.saveWorker(SqliteStateStoreTest.worker("s1", "w10"));
            store.saveWorker(SqliteStateStoreTest.worker("s1", "w02"));
            store.saveWorker(SqliteStateStoreTest.worker("s1", "w02").withState(WorkerState.DONE, "fine", "done_flag", 0));
            List<WorkerRecord> workers = store.workers("s1");
            assertEquals(List.of("w02", "w10"), workers.stream().map(WorkerRecord::id).toList());
            assertEquals(WorkerState.DONE, workers.get(0).state());
            assertEquals(0, workers.get(0).exitStatus());
            assertEquals("done_flag", store.worker("s1", "w02").orElseThrow().signal());
        }
    }

    @Test
    void unfinishedOperationsShowWhatACrashInterrupted() {
        try (StateStore store = open(dir.resolve("state.db"))) {
            store.createSession(SqliteStateStoreTest.session("s1", Instant.now()));
            long finished = store.beginOp("s1", "spawn_worker", "w01 demo");
            store.finishOp(finished, "ok");
            long open = store.beginOp("s1", "spawn_worker", "w02 demo");
            assertEquals(List.of(open), store.unfinishedOps("s1").stream().map(OpRecord::id).toList());
        }
    }

    @Test
    void goalsTasksAndSummariesAreStoredWithSecretsMasked() {
        try (StateStore store = open(dir.resolve("state.db"))) {
            SessionRecord s = SqliteStateStoreTest.session("aaaa0009", Instant.now());
            store.createSession(new SessionRecord(s.id(), s.mode(), "deploy with AKIAIOSFODNN7EXAMPLE", s.project(),
                    s.leadAgent(), s.agents(), s.status(), s.baseCommit(), s.integrationBranch(), s.tmuxSession(),
                    s.tmuxServer(), s.mcpPort(), s.sessionDir(), s.ownerPid(), s.summary(), s.createdAt(),
                    s.updatedAt(), s.endedAt()));
            WorkerRecord w = SqliteStateStoreTest.worker("aaaa0009", "w01");
            store.saveWorker(new WorkerRecord(w.sessionId(), w.id(), 1, w.perspective(), w.agent(), null,
                    "push with ghp_1234567890abcdefghijABCDEFGHIJ123456", w.paneId(), w.worktree(), w.branch(),
                    WorkerState.DONE, "used token=abcd1234efgh5678", null, null, w.logPath(), w.createdAt(),
                    w.updatedAt(), null, null, null));
            assertEquals("deploy with [redacted]", store.session("aaaa0009").orElseThrow().goal());
            WorkerRecord read = store.worker("aaaa0009", "w01").orElseThrow();
            assertEquals("push with [redacted]", read.task());
            assertEquals("used token=[redacted]", read.summary());
        }
    }

    @Test
    void anUndoneWorkerAndARevokedTokenAreForgotten() {
        try (StateStore store = open(dir.resolve("state.db"))) {
            store.createSession(SqliteStateStoreTest.session("aaaa0010", Instant.now()));
            store.saveWorker(SqliteStateStoreTest.worker("aaaa0010", "w01"));
            store.saveToken("aaaa0010", "w01", "t1");
            store.saveToken("aaaa0010", "lead", "t0");
            store.deleteWorker("aaaa0010", "w01");
            store.deleteToken("aaaa0010", "w01");
            assertTrue(store.workers("aaaa0010").isEmpty());
            assertEquals(java.util.Map.of("lead", "t0"), store.tokens("aaaa0010"));
        }
    }

    @Test
    void eventsComeBackInOrderWithSecretsRedacted() {
        try (StateStore store = open(dir.resolve("state.db"))) {
            store.createSession(SqliteStateStoreTest.session("s1", Instant.now()));
            long first = store.append("s1", new SessionEvent.SignalObserved("w01", "output_line", "done",
                    "used Authorization: Bearer abcdefghijklmnop and sk-ant-0123456789abcdefXYZ"));
            long second = store.append("s1", new SessionEvent.SessionEnded("done", "fine"));
            List<EventRecord> events = store.events("s1");
            assertTrue(second > first, "sequence numbers grow");
            assertEquals(List.of("signal_observed", "session_ended"), events.stream().map(EventRecord::kind).toList());
            assertEquals("w01", events.get(0).workerId());
            assertFalse(events.get(0).data().contains("abcdefghijklmnop"), events.get(0).data());
            assertTrue(events.get(0).data().contains("[redacted]"), events.get(0).data());
        }
    }

    private static MessageRecord message(String id, String from, String to, MessageType type, String body,
                                         MessageRecord.Recipient... recipients) {
        return new MessageRecord("s1", 0, id, from, 1, to, List.of(recipients), type, body, id, null, "normal",
                Instant.now());
    }

    @Test
    void messagesAreNumberedPerSessionAndEachRecipientReadsItsOwnOnce() {
        try (StateStore store = open(dir.resolve("state.db"))) {
            store.createSession(SqliteStateStoreTest.session("s1", Instant.now()));
            MessageLog log = store.messages();
            MessageRecord q = log.append(message("m-1", "w01", "all", MessageType.QUESTION, "tabs?",
                    new MessageRecord.Recipient("lead", 1), new MessageRecord.Recipient("w02", 2)));
            MessageRecord n = log.append(message("m-2", "lead", "w02", MessageType.NOTIFICATION, "fyi",
                    new MessageRecord.Recipient("w02", 2)));

            assertEquals(List.of(1L, 2L), List.of(q.seq(), n.seq()));
            assertEquals(List.of("m-1", "m-2"), log.unread("s1", "w02").stream().map(MessageRecord::id).toList());
            assertEquals(List.of("lead", "w02"), log.byId("s1", "m-1").orElseThrow().recipientIds());
            assertEquals(2, log.byId("s1", "m-1").orElseThrow().attemptOf("w02"));
            log.markRead("s1", "w02", List.of(1L), 2);

            assertEquals(List.of("m-2"), log.unread("s1", "w02").stream().map(MessageRecord::id).toList());
            assertEquals(List.of("m-1"), log.unread("s1", "lead").stream().map(MessageRecord::id).toList());
            assertEquals(List.of("m-1", "m-2"), log.after("s1", 0, 10).stream().map(MessageRecord::id).toList());
            assertEquals(List.of("m-2"), log.after("s1", 1, 10).stream().map(MessageRecord::id).toList());
        }
    }

    @Test
    void staleAndNoticedMessagesAreKeptApartFromUnreadOnes() {
        try (StateStore store = open(dir.resolve("state.db"))) {
            store.createSession(SqliteStateStoreTest.session("s1", Instant.now()));
            MessageLog log = store.messages();
            log.append(message("m-1", "lead", "w01", MessageType.HANDOFF, "take over", new MessageRecord.Recipient(
                    "w01", 1)));
            log.append(message("m-2", "lead", "w01", MessageType.STATUS, "going on", new MessageRecord.Recipient(
                    "w01", 1)));
            log.markStale("s1", "w01", List.of(1L));
            log.markNoticed("s1", "w01", List.of(2L));

            assertEquals(List.of("m-2"), log.unread("s1", "w01").stream().map(MessageRecord::id).toList());
            assertTrue(log.unnoticed("s1", "w01").isEmpty());
            assertTrue(log.byId("s1", "nope").isEmpty());
        }
    }
}
