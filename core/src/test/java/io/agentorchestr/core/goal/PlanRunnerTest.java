package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.PlanTask;
import io.agentorchestr.core.model.PlanTaskState;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.testing.Poll;
import io.agentorchestr.core.worker.Perspectives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine runs a plan on a real repository and store, panes in memory; the test plays each task's agent. */
@Timeout(90)
class PlanRunnerTest extends TeamTest {
    private static PlanCheck.Draft task(String id, String... deps) {
        return new PlanCheck.Draft(id, "write " + id + ".txt", null, null, List.of(deps));
    }

    private PlanCheck check() {
        return new PlanCheck(Perspectives.BUILT_IN, List.of("demo"));
    }

    private PlanTask awaitTask(String id, PlanTaskState state) {
        return Poll.value("task " + id + " " + state.label(), Duration.ofSeconds(30), () -> team.supervisor.plan()
                .tasks().stream().filter(t -> t.id().equals(id) && t.state() == state).findFirst().orElse(null));
    }

    private WorkerRecord worker(PlanTask t) {
        return team.supervisor.board().get(t.workerId());
    }

    /** Plays the task's agent: writes its file, commits, reports done. */
    private void complete(String id) throws Exception {
        WorkerRecord w = worker(awaitTask(id, PlanTaskState.RUNNING));
        team.commit(w, id + ".txt", id + "\n");
        team.finish(w, WorkerState.DONE, "wrote " + id);
    }

    @Test
    void aDiamondRunsInDependencyOrderEachTaskStartingFromTheMergedWorkOfItsDependencies() throws Exception {
        team = TeamFixture.open(dir, 4);
        team.supervisor.plan().submit(List.of(task("a"), task("b", "a"), task("c", "a"), task("d", "b", "c")), check());
        team.supervisor.plan().start();

        complete("a");
        PlanTask b = awaitTask("b", PlanTaskState.RUNNING);
        PlanTask c = awaitTask("c", PlanTaskState.RUNNING);
        assertEquals(PlanTaskState.PENDING, team.supervisor.plan().tasks().get(3).state(), "d waits for b and c");
        assertTrue(Files.exists(Path.of(worker(b).worktree(), "a.txt")), "b starts from a's merged work");
        assertTrue(Files.exists(Path.of(worker(c).worktree(), "a.txt")), "c too");
        complete("b");
        complete("c");
        PlanTask d = awaitTask("d", PlanTaskState.RUNNING);
        assertTrue(Files.exists(Path.of(worker(d).worktree(), "b.txt")) && Files.exists(Path.of(worker(d).worktree(),
                "c.txt")), "d starts from b's and c's merged work");
        complete("d");
        awaitTask("d", PlanTaskState.DONE);

        assertEquals("d", team.onIntegration("d.txt"));
        assertEquals(4, team.supervisor.board().all().size(), "one worker per task, none twice");
    }

    @Test
    void aFailedTaskBlocksWhatWaitsForItTellsTheLeadAndRetryUnblocksIt() throws Exception {
        team = TeamFixture.open(dir, 4);
        team.supervisor.plan().submit(List.of(task("a"), task("b", "a"), task("c", "b")), check());
        team.supervisor.plan().start();

        team.finish(worker(awaitTask("a", PlanTaskState.RUNNING)), WorkerState.FAILED, "tests broke");
        awaitTask("a", PlanTaskState.FAILED);
        assertTrue(awaitTask("b", PlanTaskState.BLOCKED).reason().contains("waits for 'a', which failed"));
        awaitTask("c", PlanTaskState.BLOCKED);
        // The lead is told once the tasks are blocked: the read waits for that message.
        List<MessageRecord> inbox = team.supervisor.mailbox().read("lead", Set.of(), Duration.ofSeconds(10)).get(15,
                TimeUnit.SECONDS);
        assertEquals(MessageType.ESCALATION, inbox.get(0).type());
        assertTrue(inbox.get(0).body().contains("Plan task 'a' failed: w01 ended failed: tests broke. Blocked until "
                + "it is retried: b, c."), inbox.get(0).body());

        team.supervisor.plan().retry("a");
        assertEquals("pending", team.supervisor.plan().tasks().get(1).state().label(), "b waits for a again");
        complete("a");
        complete("b");
        complete("c");
        awaitTask("c", PlanTaskState.DONE);
        assertEquals(2, team.supervisor.plan().tasks().get(0).attempts());
    }

    @Test
    void badPlansAreRefusedWithTheProblemNamedAndNothingStarts() throws Exception {
        team = TeamFixture.open(dir, 4);
        PlanRunner plan = team.supervisor.plan();
        plan.start();
        refused("the plan has a cycle: a -> c -> b -> a", () -> plan.submit(List.of(task("a", "c"), task("b", "a"),
                task("c", "b")), check()));
        refused("task 'b' depends on 'x', which is no task of the plan", () -> plan.submit(List.of(task("a"),
                task("b", "x")), check()));
        refused("duplicate task id 'a'", () -> plan.submit(List.of(task("a"), task("a")), check()));
        refused("unknown perspective 'poet'", () -> plan.submit(List.of(new PlanCheck.Draft("a", "x", "poet", null,
                List.of())), check()));
        refused("agent 'claude' is not one of this session's agents (demo)", () -> plan.submit(List.of(
                new PlanCheck.Draft("a", "x", null, "claude", List.of())), check()));
        refused("a plan has at most 100 tasks", () -> plan.submit(java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> task("t" + i)).toList(), check()));
        refused("task 'a' depends on itself", () -> plan.submit(List.of(task("a", "a")), check()));

        assertTrue(plan.tasks().isEmpty());
        assertTrue(team.supervisor.board().all().isEmpty(), "nothing started");
    }

    @Test
    void aCancelledTaskBlocksItsDependentsAndUpdatesAddToTheRunningPlan() throws Exception {
        team = TeamFixture.open(dir, 4);
        team.supervisor.plan().submit(List.of(task("a"), task("b", "a")), check());
        team.supervisor.plan().start();
        WorkerRecord a = worker(awaitTask("a", PlanTaskState.RUNNING));

        team.supervisor.plan().update(List.of(task("c")), List.of("a"), check(), team.supervisor.endings()::kill);

        assertEquals(PlanTaskState.CANCELLED, team.supervisor.plan().tasks().get(0).state());
        assertEquals(PlanTaskState.BLOCKED, team.supervisor.plan().tasks().get(1).state());
        assertEquals(WorkerState.KILLED, team.supervisor.board().get(a.id()).state());
        complete("c");
        awaitTask("c", PlanTaskState.DONE);
        refused("task 'a' is cancelled; only a task not done can be cancelled", () -> team.supervisor.plan().update(
                List.of(), List.of("a"), check(), id -> { }));
        refused("only a failed task is retried (retry the one it waits for", () -> team.supervisor.plan().retry("b"));
        assertFalse(team.supervisor.plan().tasks().isEmpty());
    }

    private static void refused(String expected, org.junit.jupiter.api.function.Executable call) {
        ToolError e = assertThrows(ToolError.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
