package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.PlanTask;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plans the engine runs, end to end: demo agents on real tmux, git, SQLite and the MCP server. */
@Timeout(300)
class PlanIT extends SandboxedRun {
    private static final String DIAMOND = "Write a [demo:id=a]\nWrite b [demo:id=b] [demo:after=a]\n"
            + "Write c [demo:id=c] [demo:after=a]\nWrite d [demo:id=d] [demo:after=b,c]";

    private List<EventRecord> events(String session) {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.events(session);
        }
    }

    private List<PlanTask> plan(String session) {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.planTasks(session);
        }
    }

    /** The sequence number of the event that moved {@code task} to {@code state} (the last such). */
    private static long seq(List<EventRecord> events, String task, String state) {
        return events.stream().filter(e -> e.kind().equals("plan_task_changed") && e.data().contains("\"task\":\""
                + task + "\"") && e.data().contains("\"state\":\"" + state + "\"")).mapToLong(EventRecord::seq).max()
                .orElseThrow(() -> new AssertionError(task + " never " + state));
    }

    @Test
    void aDiamondPlanStartsEachTaskOnlyOnceWhatItDependsOnIsMerged() throws IOException {
        JsonNode out = goal(DIAMOND, 0, "--max-workers", "4");
        String session = out.get("session").asText();

        List<EventRecord> events = events(session);
        long aDone = seq(events, "a", "done");
        assertTrue(aDone < seq(events, "b", "running") && aDone < seq(events, "c", "running"), "b and c after a");
        assertTrue(Math.max(seq(events, "b", "done"), seq(events, "c", "done")) < seq(events, "d", "running"),
                "d after b and c");
        assertEquals(4, out.get("workers").size(), "one worker per task");
        Path integration = Path.of(out.get("integration_worktree").asText());
        for (String w : List.of("w01", "w02", "w03", "w04")) {
            assertTrue(Files.exists(integration.resolve("demo/" + w + ".md")), w + " merged");
        }
        System.out.println("diamond order: " + events.stream().filter(e -> e.kind().equals("plan_task_changed"))
                .map(e -> e.seq() + " " + e.data()).toList());
    }

    @Test
    void aFailingTaskBlocksItsDependentsUntilTheLeadRetriesIt() throws IOException {
        JsonNode out = goal("First [demo:id=a] [demo:failfirst] [demo:retry]\nSecond [demo:id=b] [demo:after=a]", 0);
        String session = out.get("session").asText();

        List<EventRecord> events = events(session);
        assertTrue(seq(events, "a", "failed") < seq(events, "b", "blocked"));
        assertTrue(seq(events, "b", "blocked") < seq(events, "a", "pending"), "retried after it blocked b");
        assertTrue(seq(events, "a", "done") < seq(events, "b", "running"));
        assertEquals(2, plan(session).get(0).attempts());
        assertEquals(3, out.get("workers").size(), "a twice, b once");
    }

    @Test
    void aPlanWithACycleIsRefusedAndNothingStarts() throws IOException {
        JsonNode out = goal("A [demo:id=a] [demo:after=b]\nB [demo:id=b] [demo:after=a]", 3);

        assertTrue(out.get("summary").asText().contains("the plan has a cycle: a -> b -> a"), out.toString());
        assertEquals(0, out.get("workers").size());
    }

    @Test
    void killDashNineInTheMiddleOfAPlanThenResumeFinishesItWithNothingStartedTwice() throws Exception {
        Process first = dist.start(dir.resolve("first-run.log"), "--goal", "Slow [demo:id=a] [demo:sleep=6]\n"
                + "Next [demo:id=b] [demo:after=a]", "--agents", "demo", "--project", project.dir().toString(),
                "--no-attach", "--json");
        String session = Poll.value("task a running", Duration.ofSeconds(90), () -> {
            if (!Files.exists(dist.stateDb())) {
                return null;
            }
            try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
                return store.recentSessions(1).stream().map(s -> s.id()).filter(id -> store.planTasks(id).stream()
                        .anyMatch(t -> t.id().equals("a") && t.workerId() != null)).findFirst().orElse(null);
            }
        });
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));

        ExecResult r = dist.run("--resume", session, "--no-attach", "--json");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        List<PlanTask> plan = plan(session);
        assertTrue(plan.stream().allMatch(t -> t.state().label().equals("done")), plan.toString());
        assertEquals(List.of(1, 1), plan.stream().map(PlanTask::attempts).toList(), "each task started once");
        assertEquals(2, json.readTree(r.stdout()).get("workers").size());
    }

    @Test
    void aPlanFileRunsWithTheLeadSupervisingAndABadOneExitsTwoNamingTheLine() throws IOException {
        Path good = Files.writeString(dir.resolve("plan.toml"), """
                goal = "Notes in order"

                [[task]]
                id = "first"
                task = "Write the first note"

                [[task]]
                id = "second"
                task = "Write the second note"
                depends_on = ["first"]
                """);
        ExecResult ok = dist.run("--plan", good.toString(), "--agents", "demo", "--project", project.dir().toString(),
                "--no-attach", "--json");
        assertEquals(0, ok.exitCode(), ok.stdout() + ok.stderr());
        assertEquals(2, json.readTree(ok.stdout()).get("workers").size());

        Path bad = Files.writeString(dir.resolve("bad.toml"), "[[task]]\nid = \"a\"\ntask = \"x\"\n"
                + "depends_on = [\"nope\"]\n");
        ExecResult refused = dist.run("--plan", bad.toString(), "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach");
        assertEquals(2, refused.exitCode(), refused.stderr());
        assertTrue(refused.stderr().contains(bad + " line 2: task 'a' depends on 'nope', which is no task of the plan"),
                refused.stderr());
    }
}
