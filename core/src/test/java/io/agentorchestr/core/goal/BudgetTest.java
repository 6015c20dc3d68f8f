package io.agentorchestr.core.goal;

import io.agentorchestr.core.cost.Budget;
import io.agentorchestr.core.cost.UsageMeter;
import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.testing.Poll;
import io.agentorchestr.core.tmux.PaneRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A token budget on a session whose Claude Code worker's transcript the test writes: warned at 80 %, paused at 100 %. */
@Timeout(60)
class BudgetTest extends TeamTest {
    private Path transcript;

    private void response(String id, long in, long out) throws IOException {
        Files.writeString(transcript, "{\"type\":\"assistant\",\"requestId\":\"req_" + id + "\",\"message\":{\"id\":\"msg_"
                + id + "\",\"model\":\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":" + in + ",\"output_tokens\":"
                + out + "}}}\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void theLeadIsWarnedAt80PercentAndAt100NoWorkerStartsTheAgentsAreInterruptedAndTheRunPauses() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.supervisor.measureWith(new UsageMeter(dir.resolve("claude-home"), dir.resolve("codex-home")),
                new Budget(null, 1000L));
        WorkerRecord w = team.supervisor.spawner().spawn(new SpawnRequest("write a.txt", null, List.of(), null, null,
                "claude", List.of(), null, List.of()));
        assertEquals("claude", w.agent());
        transcript = Files.createDirectories(dir.resolve("claude-home/projects").resolve(Path.of(w.worktree())
                .toString().replaceAll("[/.]", "-"))).resolve("t.jsonl");
        PaneRef lead = team.tmux.panes().get(0).ref;
        team.supervisor.spending().start(lead);

        response("1", 700, 150);
        List<MessageRecord> warning = Poll.value("the lead warned", Duration.ofSeconds(20), () -> {
            try {
                List<MessageRecord> got = team.supervisor.mailbox().read("lead", Set.of(), Duration.ZERO)
                        .get(5, TimeUnit.SECONDS);
                return got.isEmpty() ? null : got;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(MessageType.ESCALATION, warning.get(0).type());
        assertTrue(warning.get(0).body().startsWith("85 % of the session's budget (1000 tokens) is used"),
                warning.get(0).body());

        response("2", 100, 50);
        GoalEnd end = team.supervisor.verdict().future().get(20, TimeUnit.SECONDS);
        assertEquals(GoalEnd.Kind.PAUSED, end.kind());
        assertTrue(end.summary().contains("the budget of 1000 tokens is spent") && end.summary().contains(
                "--resume s1 --budget MORE"), end.summary());
        assertTrue(team.tmux.pane(w.paneId()).orElseThrow().typed.contains("C-c"), "the worker was interrupted");
        assertTrue(team.tmux.pane(lead.id()).orElseThrow().typed.contains("C-c"), "the lead was interrupted");
        ToolError refused = assertThrows(ToolError.class, () -> team.spawn("another"));
        assertTrue(refused.getMessage().contains("the budget of 1000 tokens is spent"), refused.getMessage());
        assertTrue(team.eventKinds().contains("budget_reached"), team.eventKinds().toString());
        assertTrue(BudgetWatch.pausedIt(team.store.events("s1")), "a resume will tell the workers to go on");
        team.store.append("s1", new io.agentorchestr.core.model.SessionEvent.SessionResumed(true, 1, true, "x"));
        assertTrue(!BudgetWatch.pausedIt(team.store.events("s1")), "once resumed, that pause is over");
    }

    @Test
    void withoutABudgetNoWatchRuns() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.supervisor.measureWith(UsageMeter.NONE, Budget.NONE);
        team.supervisor.spending().start(team.tmux.panes().get(0).ref);
        assertTrue(!team.supervisor.spending().watchingBudget(), "no budget is kept");
        assertEquals(Budget.NONE, Budget.of(dir, null, null));
    }
}
