package io.agentorchestr.core.router;

import io.agentorchestr.core.model.ModelReply;
import io.agentorchestr.core.model.ModelRequest;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.ModelTask;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router against loopback stub servers in each provider format, with a real store counting the
 * calls and a clock the test moves: routing by task class, every fault moving on or retrying as it
 * should, the breaker, the request limits, and no keys at all.
 */
@Timeout(60)
class RouterTest {
    @TempDir
    Path dir;
    private StubModelServer anthropic;
    private StubModelServer groq;
    private StubModelServer gemini;
    private SqliteStateStore store;
    private final SettableClock clock = new SettableClock("2026-12-07T10:00:00Z");
    private final List<Duration> slept = new ArrayList<>();
    private final List<Router.Call> calls = new ArrayList<>();
    private static final ModelRequest ASK = new ModelRequest("You draft plans.", "Plan: add a login page", 500);

    @BeforeEach
    void servers() throws IOException {
        anthropic = new StubModelServer(Provider.Format.ANTHROPIC);
        groq = new StubModelServer(Provider.Format.CHAT_COMPLETIONS);
        gemini = new StubModelServer(Provider.Format.GEMINI);
        store = SqliteStateStore.open(dir.resolve("state.db"));
    }

    @AfterEach
    void close() {
        anthropic.close();
        groq.close();
        gemini.close();
        store.close();
    }

    private Router router(String extraConfig) throws IOException {
        Files.createDirectories(dir.resolve(".agentorchestr"));
        Files.writeString(dir.resolve(".agentorchestr/config.toml"), "[router]\ntimeout_s = 1\n"
                + "[router.providers.anthropic]\nbase_url = \"" + anthropic.url() + "\"\n"
                + "[router.providers.groq]\nbase_url = \"" + groq.url() + "\"\n"
                + "[router.providers.gemini]\nbase_url = \"" + gemini.url() + "\"\n" + extraConfig);
        Providers.Setup setup = Providers.load(Map.of("ANTHROPIC_API_KEY", "sk-ant-test", "GROQ_API_KEY", "gsk-test",
                "GEMINI_API_KEY", "g-test"), dir);
        return new Router(setup, store.modelCalls(), clock, d -> slept.add(d), calls::add);
    }

    @Test
    void eachTaskClassGoesToItsFirstProviderWithItsModelAndTheAnswerAndTokensComeBack() throws IOException {
        Router r = router("");
        ModelReply plan = r.ask(ModelTask.PLAN, ASK).orElseThrow();
        ModelReply compress = r.ask(ModelTask.COMPRESS, ASK).orElseThrow();
        ModelReply research = r.ask(ModelTask.RESEARCH, ASK).orElseThrow();

        assertEquals(List.of("anthropic", "claude-sonnet-4-5", "answer from anthropic", 11L, 7L), List.of(
                plan.provider(), plan.model(), plan.text(), plan.inputTokens(), plan.outputTokens()));
        assertEquals(List.of("groq", "llama-3.3-70b-versatile"), List.of(compress.provider(), compress.model()));
        assertEquals(List.of("gemini", "gemini-2.5-flash"), List.of(research.provider(), research.model()));
        StubModelServer.Got sent = anthropic.got.get(0);
        assertEquals("/v1/messages", sent.path());
        assertEquals(List.of("sk-ant-test"), sent.headers().get("X-api-key"));
        assertTrue(sent.body().contains("\"cache_control\":{\"type\":\"ephemeral\"}"), "the stable prefix is marked "
                + "for prompt caching: " + sent.body());
        assertEquals("/v1/chat/completions", groq.got.get(0).path());
        assertEquals(List.of("Bearer gsk-test"), groq.got.get(0).headers().get("Authorization"));
        assertEquals("/v1/models/gemini-2.5-flash:generateContent", gemini.got.get(0).path());
        assertEquals(List.of("ok", "ok", "ok"), calls.stream().map(Router.Call::outcome).toList());
    }

    @Test
    void a429ThatAsksToWaitAMomentIsRetriedThereAndOneThatAsksForLongerMovesOn() throws IOException {
        Router r = router("");
        anthropic.then(429, Map.of("Retry-After", "2"), "{\"error\":\"slow down\"}");
        assertEquals("anthropic", r.ask(ModelTask.PLAN, ASK).orElseThrow().provider());
        assertEquals(List.of(Duration.ofSeconds(2)), slept);

        anthropic.then(429, Map.of("Retry-After", "120"), "{\"error\":\"come back tomorrow\"}");
        assertEquals("gemini", r.ask(ModelTask.PLAN, ASK).orElseThrow().provider(), "plan's next provider with a key");
        assertEquals(List.of(Duration.ofSeconds(2)), slept, "two minutes are not waited for");
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenTheNextProviderAnswers() throws IOException {
        Router r = router("");
        for (int i = 0; i < Router.ATTEMPTS; i++) {
            anthropic.then(500, Map.of(), "{\"error\":\"overloaded\"}");
        }
        assertEquals("gemini", r.ask(ModelTask.PLAN, ASK).orElseThrow().provider());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), slept);
        assertEquals(3, anthropic.got.size());
    }

    @Test
    void aTimeoutMalformedJsonAndACutStreamEachMoveOnToTheNextProvider() throws IOException {
        Router r = router("");
        anthropic.then(new StubModelServer.Canned(200, Map.of(), anthropic.ok("late"), 2500, false));
        assertEquals("gemini", r.ask(ModelTask.PLAN, ASK).orElseThrow().provider());
        anthropic.then(200, Map.of(), "{\"content\": [ not json");
        assertEquals("gemini", r.ask(ModelTask.PLAN, ASK).orElseThrow().provider());
        anthropic.then(new StubModelServer.Canned(200, Map.of(), anthropic.ok("cut off in the middle"), 0, true));
        assertEquals("gemini", r.ask(ModelTask.PLAN, ASK).orElseThrow().provider());
        assertEquals(List.of("anthropic timed out", "gemini ok", "anthropic its answer was not JSON ({\"content\": [ "
                + "not json)", "gemini ok", "anthropic connection failed", "gemini ok"), calls.stream()
                .map(c -> c.provider() + " " + c.outcome()).toList());
    }

    @Test
    void afterThreeFailuresInARowAProviderIsPassedOverThenOneProbeClosesItsBreaker() throws IOException {
        Router r = router("");
        for (int i = 0; i < Breaker.OPENS_AFTER; i++) {
            anthropic.then(400, Map.of(), "{\"error\":\"bad\"}");
            assertEquals("gemini", r.ask(ModelTask.PLAN, ASK).orElseThrow().provider());
        }
        assertEquals("gemini", r.ask(ModelTask.PLAN, ASK).orElseThrow().provider());
        assertEquals(3, anthropic.got.size(), "open: not called");

        clock.advance(Breaker.OPEN_FOR.plusSeconds(1));
        assertEquals("anthropic", r.ask(ModelTask.PLAN, ASK).orElseThrow().provider(), "the probe succeeds");
        assertEquals("anthropic", r.ask(ModelTask.PLAN, ASK).orElseThrow().provider(), "closed again");
    }

    @Test
    void aFreeTiersRequestLimitIsCountedInTheStoreAndKeptBeforeTheProviderRefuses() throws IOException {
        router("");
        Files.writeString(dir.resolve(".agentorchestr/config.toml"), Files.readString(dir.resolve(
                ".agentorchestr/config.toml")).replace("[router.providers.groq]\n", "[router.providers.groq]\n"
                + "per_minute = 2\n"));
        Router r = new Router(Providers.load(Map.of("GROQ_API_KEY", "g", "GEMINI_API_KEY", "m"), dir), store.modelCalls(),
                clock, d -> slept.add(d), calls::add);
        assertEquals("groq", r.ask(ModelTask.COMPRESS, ASK).orElseThrow().provider());
        assertEquals("groq", r.ask(ModelTask.COMPRESS, ASK).orElseThrow().provider());
        assertEquals("gemini", r.ask(ModelTask.COMPRESS, ASK).orElseThrow().provider(), "groq's 2 a minute are used");
        assertEquals(2, groq.got.size());
        clock.advance(Duration.ofSeconds(61));
        assertEquals("groq", r.ask(ModelTask.COMPRESS, ASK).orElseThrow().provider(), "a minute later");
        assertEquals(3, store.modelCalls().since("groq", clock.instant().minus(Duration.ofDays(1))));
    }

    @Test
    void theBaseUrlVariableTheProvidersOwnToolsReadServesTheRouterTooAndTheConfigWins() throws IOException {
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Router fromEnv = new Router(Providers.load(Map.of("ANTHROPIC_API_KEY", "k", "ANTHROPIC_BASE_URL",
                anthropic.url()), bare), store.modelCalls(), clock, d -> { }, calls::add);
        assertEquals("anthropic", fromEnv.ask(ModelTask.PLAN, ASK).orElseThrow().provider());
        assertEquals(1, anthropic.got.size());

        router("");  // its config.toml names the stub too; the variable's URL is not used
        Router both = new Router(Providers.load(Map.of("ANTHROPIC_API_KEY", "k", "ANTHROPIC_BASE_URL",
                "http://127.0.0.1:9/nothing-here"), dir), store.modelCalls(), clock, d -> { }, calls::add);
        assertEquals("anthropic", both.ask(ModelTask.PLAN, ASK).orElseThrow().provider());
        assertEquals(2, anthropic.got.size());
    }

    @Test
    void withNoKeyNothingIsCalledAndWhenEveryProviderFailsTheFailureSaysHowEachDid() throws IOException {
        router("");
        Router none = new Router(Providers.load(Map.of(), dir), store.modelCalls(), clock, d -> { }, calls::add);
        assertEquals(Optional.empty(), none.ask(ModelTask.PLAN, ASK));
        assertEquals(List.of(), none.providers(ModelTask.PLAN));

        Router r = new Router(Providers.load(Map.of("GROQ_API_KEY", "g"), dir), store.modelCalls(), clock,
                d -> { }, calls::add);
        groq.then(401, Map.of(), "{\"error\":\"invalid api key\"}");
        ModelRouter.Failure f = assertThrows(ModelRouter.Failure.class, () -> r.ask(ModelTask.COMPRESS, ASK));
        assertEquals("no model answered the compress request: groq: HTTP 401 ({\"error\":\"invalid api key\"})",
                f.getMessage());
        assertTrue(!f.getMessage().contains("gsk") && !f.getMessage().contains("\"g\""), "no key in the message");
    }
}
