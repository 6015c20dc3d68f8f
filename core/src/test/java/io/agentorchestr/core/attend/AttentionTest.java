package io.agentorchestr.core.attend;

import io.agentorchestr.core.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class AttentionTest {
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<String> trouble = new CopyOnWriteArrayList<>();

    private NoticeChannel recording(String name) {
        return new NoticeChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void send(Notice notice) {
                sent.add(name + ":" + notice.kind().label() + "/" + notice.who());
            }
        };
    }

    private static Notice notice(Notice.Kind kind, String who, Instant at) {
        return new Notice(kind, "s1", "agentorchestr-s1", who, "text", at);
    }

    @Test
    void theSameEventAboutTheSameAgentIsSentOncePerIntervalAndTheGoalsEndAlways() {
        SettableClock clock = new SettableClock("2026-12-07T10:00:00Z");
        Attention attention = new Attention(List.of(recording("a")), Duration.ofSeconds(30), clock, trouble::add);
        attention.tell(notice(Notice.Kind.QUESTION, "w01", clock.instant()));
        attention.tell(notice(Notice.Kind.QUESTION, "w01", clock.instant()));   // the same, at once: dropped
        attention.tell(notice(Notice.Kind.QUESTION, "w02", clock.instant()));   // another agent
        attention.tell(notice(Notice.Kind.HUNG, "w01", clock.instant()));       // another event
        clock.advance(Duration.ofSeconds(31));
        attention.tell(notice(Notice.Kind.QUESTION, "w01", clock.instant()));   // after the interval
        attention.tell(notice(Notice.Kind.GOAL_ENDED, null, clock.instant()));
        attention.tell(notice(Notice.Kind.GOAL_ENDED, null, clock.instant()));
        attention.close(Duration.ofSeconds(5));
        assertEquals(List.of("a:question/w01", "a:question/w02", "a:hung/w01", "a:question/w01",
                "a:goal_ended/null", "a:goal_ended/null"), sent);
    }

    @Test
    void aChannelThatHangsHoldsUpNeitherTheCallerNorTheOtherChannels() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        NoticeChannel stuck = new NoticeChannel() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public void send(Notice notice) throws InterruptedException {
                release.await();
            }
        };
        Attention attention = new Attention(List.of(stuck, recording("b")), Duration.ZERO, Clock.systemUTC(),
                trouble::add);
        for (int i = 0; i < 10; i++) {
            attention.tell(notice(Notice.Kind.FAILED, "w" + i, Instant.now()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sent.size() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(10, sent.size(), "the other channel got every notice while the first hung");
        for (int i = 0; i < 1000; i++) {   // far past the stuck channel's queue: dropped there, never waited for
            attention.tell(notice(Notice.Kind.FAILED, "x" + i, Instant.now()));
        }
        attention.close(Duration.ofMillis(200));   // gives up on the stuck channel
        release.countDown();
    }

    @Test
    void aFailingChannelIsReportedOnceAndTheRestStillSend() {
        NoticeChannel broken = new NoticeChannel() {
            @Override
            public String name() {
                return "webhook http://127.0.0.1:1/...";
            }

            @Override
            public void send(Notice notice) {
                throw new IllegalStateException("HTTP 500");
            }
        };
        Attention attention = new Attention(List.of(broken, recording("b")), Duration.ZERO, Clock.systemUTC(),
                trouble::add);
        attention.tell(notice(Notice.Kind.FAILED, "w01", Instant.now()));
        attention.tell(notice(Notice.Kind.FAILED, "w02", Instant.now()));
        attention.close(Duration.ofSeconds(5));
        assertEquals(2, sent.size());
        assertEquals(1, trouble.size(), trouble.toString());
        assertTrue(trouble.get(0).contains("webhook http://127.0.0.1:1/... (HTTP 500)"), trouble.get(0));
    }

    @Test
    void theSequencesCarryNoTextThatCouldEndThemEarly() {
        Notice n = new Notice(Notice.Kind.QUESTION, "s1", "t", "w01", "asks: ok?\u0007\u001b]0;evil\u0007 (y/n)",
                Instant.now());
        assertEquals("\u0007\u001b]9;agentorchestr: w01 asks: asks: ok? (y/n)\u0007"
                + "\u001b]777;notify;agentorchestr: w01 asks;asks: ok? (y/n)\u0007", TerminalChannel.sequences(n));
    }
}
