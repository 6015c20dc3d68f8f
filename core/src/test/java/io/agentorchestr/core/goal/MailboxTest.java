package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages between agents on a real store, panes in memory: addressing, threads, once-only reads, notices. */
@Timeout(60)
class MailboxTest extends TeamTest {
    private Mailbox mail() {
        return team.supervisor.mailbox();
    }

    private static Mailbox.Draft draft(String to, MessageType type, String body, String replyTo) {
        return new Mailbox.Draft(to, type.label(), body, replyTo, null, null);
    }

    private List<MessageRecord> read(String who) throws Exception {
        return mail().read(who, Set.of(), Duration.ZERO).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aQuestionAndItsAnswerShareAThreadAndEachIsReadOnceInOrder() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.spawn("one");
        team.spawn("two");
        MessageRecord q = mail().send("w01", draft("w02", MessageType.QUESTION, "which port?", null));
        MessageRecord n = mail().send("lead", draft("w02", MessageType.NOTIFICATION, "fyi", null));

        assertEquals(List.of(q.id(), n.id()), read("w02").stream().map(MessageRecord::id).toList());
        assertEquals(List.of(), read("w02"), "read once");
        MessageRecord a = mail().send("w02", draft("w01", MessageType.ANSWER, "8080", q.id()));

        assertEquals(q.threadId(), a.threadId());
        assertEquals(q.id(), q.threadId());
        List<MessageRecord> got = read("w01");
        assertEquals(List.of("8080"), got.stream().map(MessageRecord::body).toList());
        assertEquals(List.of(q.seq() + 0, n.seq(), a.seq()), List.of(1L, 2L, 3L));
    }

    @Test
    void theSameMessageSentAgainAfterALostReplyIsStoredOnceAndAnswersWithTheFirstId() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.spawn("one");
        team.spawn("two");
        MessageRecord q = mail().send("w01", draft("w02", MessageType.QUESTION, "which port?", null));
        MessageRecord again = mail().send("w01", draft("w02", MessageType.QUESTION, "which port?", null));
        MessageRecord other = mail().send("w01", draft("w02", MessageType.QUESTION, "which host?", null));
        MessageRecord toLead = mail().send("w01", draft("lead", MessageType.QUESTION, "which host?", null));

        assertEquals(q.id(), again.id());
        assertEquals(List.of(q.id(), other.id()), read("w02").stream().map(MessageRecord::id).toList());
        assertEquals(List.of(toLead.id()), read("lead").stream().map(MessageRecord::id).toList(),
                "the same words to someone else are a message of their own");
    }

    @Test
    void badMessagesAreRefusedWithTheProblemNamed() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.spawn("one");
        MessageRecord status = mail().send("lead", draft("w01", MessageType.STATUS, "going", null));

        assertRefused("body is 16001 characters, the limit is 16000", () -> mail().send("lead",
                draft("w01", MessageType.STATUS, "x".repeat(Mailbox.MAX_BODY_CHARS + 1), null)));
        assertRefused("unknown type 'gossip'", () -> mail().send("lead", new Mailbox.Draft("w01", "gossip", "x",
                null, null, null)));
        assertRefused("an answer must reply to a question", () -> mail().send("w01", draft("lead",
                MessageType.ANSWER, "yes", null)));
        assertRefused("is a status, not a question", () -> mail().send("w01", draft("lead", MessageType.ANSWER,
                "yes", status.id())));
        assertRefused("unknown worker id 'w09'", () -> mail().send("lead", draft("w09", MessageType.STATUS, "x",
                null)));
        assertRefused("to is yourself (w01)", () -> mail().send("w01", draft("w01", MessageType.STATUS, "x", null)));
        assertRefused("no running worker has the role 'tester'", () -> mail().send("lead", draft("role:tester",
                MessageType.STATUS, "x", null)));
        assertRefused("reply_to 'm-nope' is no message of this session", () -> mail().send("lead", draft("w01",
                MessageType.STATUS, "x", "m-nope")));
    }

    private static void assertRefused(String expected, org.junit.jupiter.api.function.Executable call) {
        ToolError e = assertThrows(ToolError.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aWorkerThatHasEndedGetsNoMessagesAndTheRefusalNamesItsState() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord w = team.spawn("one");
        team.finish(w, WorkerState.DONE, "did it");

        assertRefused("w01 has ended (done); messages reach running agents only", () -> mail().send("lead",
                draft("w01", MessageType.STATUS, "x", null)));
    }

    @Test
    void allAndRoleReachTheRunningAgentsOtherThanTheSender() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.spawn("one");
        team.spawn("two");
        team.supervisor.spawner().spawn(new SpawnRequest("check", "tester", List.of(), null, null, null, List.of(),
                null, List.of()));

        assertEquals(List.of("lead", "w02", "w03"), mail().send("w01", draft("all", MessageType.STATUS, "hi", null))
                .recipientIds());
        assertEquals(List.of("w03"), mail().send("lead", draft("role:tester", MessageType.STATUS, "test", null))
                .recipientIds());
    }

    @Test
    void aHandoffSentToAnEarlierIncarnationIsWithheldFromItsSuccessor() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.spawn("one");
        mail().send("lead", draft("w01", MessageType.HANDOFF, "stop and hand over to w02", null));
        mail().send("lead", draft("w01", MessageType.STATUS, "still relevant", null));

        team.supervisor.relaunch("w01", "it crashed");
        Poll.until("w01 is in its second attempt", Duration.ofSeconds(20),
                () -> team.supervisor.board().get("w01").attempt() == 2);

        assertEquals(List.of("still relevant"), read("w01").stream().map(MessageRecord::body).toList());
        assertEquals(0, mail().unread("w01"), "the stale handoff is not left unread either");
    }

    @Test
    void aWaitingReadReturnsWithTheFirstMessageThatArrives() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.spawn("one");
        CompletableFuture<List<MessageRecord>> waiting = mail().read("w01", Set.of(MessageType.ANSWER),
                Duration.ofSeconds(30));
        mail().send("lead", draft("w01", MessageType.STATUS, "not this type", null));
        assertFalse(waiting.isDone());
        MessageRecord q = mail().send("w01", draft("lead", MessageType.QUESTION, "ok?", null));
        mail().send("lead", draft("w01", MessageType.ANSWER, "yes", q.id()));

        assertEquals(List.of("yes"), waiting.get(10, TimeUnit.SECONDS).stream().map(MessageRecord::body).toList());
        assertEquals(1, mail().unread("w01"), "the status message stays unread");
    }

    @Test
    void aQuestionToTheLeadWakesItsWaitForAnyWithTheCount() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.spawn("one");
        CompletableFuture<Wakeup> wait = team.supervisor.board().awaitAny(List.of(), Duration.ofSeconds(30));

        team.supervisor.team().askLead("w01", "tabs or spaces?");

        Wakeup wake = wait.get(10, TimeUnit.SECONDS);
        assertEquals(1, wake.newMessages());
        assertEquals(List.of("tabs or spaces?"), read("lead").stream().map(MessageRecord::body).toList());
    }

    @Test
    void aNoticeIsTypedOnceIntoAWorkerBackAtItsPromptAndNeverWhileItIsBusy() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord busy = team.spawn("one");
        WorkerRecord sentinel = team.spawn("two");
        WorkerRecord another = team.spawn("three");
        team.supervisor.notices().minGap(Duration.ZERO);  // so only "told once" keeps a second notice out
        mail().send("lead", draft(busy.id(), MessageType.QUESTION, "which port?", null));
        // Notices are looked at in order on one thread: once the idle sentinel has its notice, the
        // busy worker's mail has been looked at too.
        idle(sentinel);
        mail().send("lead", draft(sentinel.id(), MessageType.STATUS, "ping", null));
        Poll.until("the sentinel's notice", Duration.ofSeconds(10), () -> notices(sentinel) == 1);
        assertEquals(0, notices(busy), "nothing typed into a busy agent");

        idle(busy);
        Poll.until("the notice, typed and recorded", Duration.ofSeconds(10), () -> team.store.events(
                TeamFixture.SESSION).stream().filter(e -> e.kind().equals("message_sent") && e.data().contains(
                "\"to\":\"" + busy.id() + "\"")).count() == 1);
        team.supervisor.board().put(team.supervisor.board().get(busy.id()).withState(WorkerState.RUNNING, null,
                null, null));
        idle(busy);
        idle(another);
        mail().send("lead", draft(another.id(), MessageType.STATUS, "ping", null));
        Poll.until("the other sentinel's notice", Duration.ofSeconds(10), () -> notices(another) == 1);

        assertEquals(1, notices(busy), "the same messages are never told twice");
        String notice = typed(busy).stream().filter(t -> t.startsWith("[agentorchestr]")).findFirst().orElseThrow();
        assertTrue(notice.contains("question from lead") && notice.contains("read_inbox"), notice);
    }

    private void idle(WorkerRecord w) {
        team.supervisor.board().put(team.supervisor.board().get(w.id()).withState(WorkerState.IDLE, "back at its "
                + "prompt", "health", null));
    }

    private List<String> typed(WorkerRecord w) {
        return team.tmux.pane(w.paneId()).orElseThrow().typed;
    }

    private long notices(WorkerRecord w) {
        return typed(w).stream().filter(t -> t.startsWith("[agentorchestr]")).count();
    }
}
