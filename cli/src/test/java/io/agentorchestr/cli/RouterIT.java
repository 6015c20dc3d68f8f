package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.research.StubWeb;
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
        try (StubModelServer groq = new StubModelServer(Provider.Format.CHAT_COMPLETIONS); StubWeb web = new StubWeb()) {
            groq.then(401, java.util.Map.of(), "{\"error\":\"invalid api key\"}");
            Files.writeString(project.dir().resolve(".agentorchestr/config.toml"), "[router.providers.anthropic]\n"
                    + "base_url = \"" + anthropic.url() + "\"\n[router.providers.groq]\nbase_url = \"" + groq.url()
                    + "\"\n[research]\nsearxng_url = \"" + web.url() + "\"\n");
            ExecResult r = dist.withEnv("GROQ_API_KEY", "gsk-test").run("--doctor", "--live", "--project",
                    project.dir().toString());
            assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
            assertTrue(r.stdout().matches("(?s).*ok +router anthropic +claude-haiku-4-5 answered in \\d+ ms.*"),
                    r.stdout());
            assertTrue(r.stdout().matches("(?s).*WARN +router groq +llama-3.3-70b-versatile: HTTP 401.*"), r.stdout());
            assertEquals("/v1/chat/completions", groq.got.get(0).path());
            assertTrue(r.stdout().matches("(?s).*ok +research +searxng " + java.util.regex.Pattern.quote(web.url())
                    + " answered 3 result\\(s\\) in \\d+ ms.*"), r.stdout());

            ExecResult quiet = dist.run("--doctor", "--project", project.dir().toString());
            assertTrue(quiet.stdout().contains("plan: anthropic -> groq; compress: groq -> anthropic"), quiet.stdout());
            assertEquals(1, groq.got.size(), "without --live no provider is called");
            assertTrue(quiet.stdout().contains("searxng " + web.url() + " (--live searches once)"), quiet.stdout());
            assertEquals(1, web.searches(), "without --live nothing is searched");
        }
    }

    @Test
    void aResearcherLooksThingsUpOnTheWebAndAnImplementerIsToldItIsNotItsTool() throws IOException {
        try (StubWeb web = new StubWeb()) {
            web.results = List.of("/page/jwt", "/report.pdf");
            Files.writeString(project.dir().resolve(".agentorchestr/config.toml"), "[router.providers.anthropic]\n"
                    + "base_url = \"" + anthropic.url() + "\"\n[research]\nsearxng_url = \"" + web.url() + "\"\n"
                    + "allow_private = true\n");
            project.git("commit", "-q", "-am", "research goes to the stub web");
            anthropic.then(200, java.util.Map.of(), anthropic.ok("Call verifyWith(key) on the parser [1]."));
            Path plan = Files.writeString(dir.resolve("plan.toml"), "[[task]]\nid = \"facts\"\nperspective = "
                    + "\"researcher\"\ntask = \"Find the parser API [demo:research=jjwt 0.12 parser]\"\n\n[[task]]\n"
                    + "id = \"impl\"\ntask = \"Look it up yourself [demo:research=jjwt]\"\n");
            ExecResult run = dist.run("--plan", plan.toString(), "--agents", "demo", "--project",
                    project.dir().toString(), "--no-attach", "--json");
            JsonNode out = json.readTree(run.stdout());
            JsonNode facts = worker(out, "researcher");
            JsonNode impl = worker(out, "implementer");
            assertEquals("done", facts.path("state").asText(), out.toString());
            assertEquals("failed", impl.path("state").asText(), out.toString());
            assertTrue(impl.path("summary").asText().contains("web_research is not among the tools of your role, "
                    + "implementer"), impl.toString());

            String file = project.git("show", facts.path("branch").asText() + ":demo/"
                    + facts.path("worker_id").asText() + ".md");
            assertTrue(file.contains("research (anthropic/claude-haiku-4-5): Call verifyWith(key) on the parser [1].")
                    && file.contains("[1] " + web.url() + "/page/jwt"), file);
            String asked = anthropic.got.get(0).body();
            assertTrue(asked.contains("Use Jwts.parser().verifyWith(key).build() in 0.12."), asked);
            assertTrue(web.got.contains("/search?format=json&q=jjwt+0.12+parser"), web.got.toString());
            assertTrue(web.got.contains("/report.pdf"), "the second result was fetched and refused as not text");
            try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
                assertEquals(1, store.events(out.get("session").asText()).stream().filter(e -> e.kind()
                        .equals("model_called") && e.data().contains("\"task\":\"research\"")).count());
            }
        }
    }

    private static JsonNode worker(JsonNode out, String perspective) {
        for (JsonNode w : out.path("workers")) {
            if (w.path("perspective").asText().equals(perspective)) {
                return w;
            }
        }
        throw new AssertionError("no " + perspective + " worker in " + out);
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
