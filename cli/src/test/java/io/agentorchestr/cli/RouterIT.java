package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.router.Provider;
import io.agentorchestr.core.router.StubModelServer;
import io.agentorchestr.core.store.SqliteStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model router end to end: a plan drafted by a stub Anthropic Messages server on loopback (the
 * project's [router] points at it), printed by --draft-plan and run with --plan; the lead's draft_plan
 * tool, whose call is a model_called event; and the draft without any key.
 */
@Timeout(180)
class RouterIT extends SandboxedRun {
    private static final String PLAN = "```toml\ngoal = \"Two notes\"\n\n[[task]]\nid = \"hello\"\n"
            + "task = \"Write a hello note\"\n\n[[task]]\nid = \"bye\"\ntask = \"Write a goodbye note\"\n"
            + "depends_on = [\"hello\"]\n```";
    private StubModelServer anthropic;

    @BeforeEach
    void stubModel() throws IOException {
        anthropic = new StubModelServer(Provider.Format.ANTHROPIC);
        Files.createDirectories(project.dir().resolve(".agentorchestr"));
        Files.writeString(project.dir().resolve(".agentorchestr/config.toml"), "[router.providers.anthropic]\n"
                + "base_url = \"" + anthropic.url() + "\"\n");
        project.git("add", "-A");
        project.git("commit", "-q", "-m", "the router points at the stub");
        dist.withEnv("ANTHROPIC_API_KEY", "sk-ant-test");
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    @Test
    void draftPlanPrintsTheModelsCheckedPlanAndPlanRunsIt() throws IOException {
        anthropic.then(200, java.util.Map.of(), anthropic.ok(PLAN.replace("\"", "\\\"").replace("\n", "\\n")));
        ExecResult drafted = dist.run("--goal", "Write two notes, hello then goodbye", "--draft-plan", "--project",
                project.dir().toString());
        assertEquals(0, drafted.exitCode(), drafted.stderr());
        assertTrue(drafted.stdout().startsWith("# drafted by anthropic/claude-sonnet-4-5; "), drafted.stdout());
        assertTrue(drafted.stdout().contains("depends_on = [\"hello\"]"), drafted.stdout());
        StubModelServer.Got asked = anthropic.got.get(0);
        assertTrue(asked.body().contains("Write two notes, hello then goodbye") && asked.body().contains("tester"),
                asked.body());

        Path plan = dir.resolve("plan.toml");
        Files.writeString(plan, drafted.stdout());
        ExecResult run = dist.run("--plan", plan.toString(), "--agents", "demo", "--project", project.dir().toString(),
                "--no-attach", "--json");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        JsonNode out = json.readTree(run.stdout());
        assertEquals(2, out.get("workers").size(), out.toString());
    }

    @Test
    void theLeadsDraftPlanCallGoesThroughTheRouterIsAnEventAndItsPlanRuns() throws IOException {
        anthropic.then(200, java.util.Map.of(), anthropic.ok(PLAN.replace("\"", "\\\"").replace("\n", "\\n")));
        JsonNode out = goal("Write two notes [demo:draft]", 0);

        assertEquals(2, out.get("workers").size(), out.toString());
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            List<String> calls = store.events(out.get("session").asText()).stream()
                    .filter(e -> e.kind().equals("model_called")).map(EventRecord::data).toList();
            assertEquals(1, calls.size(), calls.toString());
            assertTrue(calls.get(0).contains("\"task\":\"plan\",\"provider\":\"anthropic\",\"model\":\"claude-sonnet-4-5\","
                    + "\"outcome\":\"ok\",\"inputTokens\":11,\"outputTokens\":7"), calls.get(0));
        }
    }

    @Test
    void doctorLiveAsksEachProviderWithAKeyOneSmallQuestionAndNamesTheOneThatRefuses() throws IOException {
        try (StubModelServer groq = new StubModelServer(Provider.Format.CHAT_COMPLETIONS)) {
            groq.then(401, java.util.Map.of(), "{\"error\":\"invalid api key\"}");
            Files.writeString(project.dir().resolve(".agentorchestr/config.toml"), "[router.providers.anthropic]\n"
                    + "base_url = \"" + anthropic.url() + "\"\n[router.providers.groq]\nbase_url = \"" + groq.url()
                    + "\"\n");
            ExecResult r = dist.withEnv("GROQ_API_KEY", "gsk-test").run("--doctor", "--live", "--project",
                    project.dir().toString());
            assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
            assertTrue(r.stdout().matches("(?s).*ok +router anthropic +claude-haiku-4-5 answered in \\d+ ms.*"),
                    r.stdout());
            assertTrue(r.stdout().matches("(?s).*WARN +router groq +llama-3.3-70b-versatile: HTTP 401.*"), r.stdout());
            assertEquals("/v1/chat/completions", groq.got.get(0).path());

            ExecResult quiet = dist.run("--doctor", "--project", project.dir().toString());
            assertTrue(quiet.stdout().contains("plan: anthropic -> groq; compress: groq -> anthropic"), quiet.stdout());
            assertEquals(1, groq.got.size(), "without --live no provider is called");
        }
    }

    @Test
    void withoutAKeyTheDraftIsTheGoalsLinesAndSaysWhy() {
        ExecResult r = dist.withEnv("ANTHROPIC_API_KEY", "").run("--goal", "Write the schema\nWrite the API",
                "--draft-plan", "--json", "--project", project.dir().toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("\"drafted_by\" : \"the goal's lines\"") || r.stdout().contains(
                "\"drafted_by\":\"the goal's lines\""), r.stdout());
        assertTrue(r.stderr().contains("no model key is set"), r.stderr());
        assertTrue(anthropic.got.isEmpty(), "nothing was called");

        ExecResult empty = dist.run("--goal", "  ", "--draft-plan", "--project", project.dir().toString());
        assertEquals(2, empty.exitCode(), empty.stderr());
        assertTrue(empty.stderr().contains("goal is empty"), empty.stderr());
    }
}
