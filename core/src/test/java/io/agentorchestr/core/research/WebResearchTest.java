package io.agentorchestr.core.research;

import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.ModelTask;
import io.agentorchestr.core.testing.ScriptedRouter;
import io.agentorchestr.core.testing.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * web_research against a loopback search API and pages, with a model that records what it is asked:
 * the brief cites the pages read, refused pages say why, answers are cached (hit, expiry, a corrupt
 * file), and with no model the sources' own words come back with a note saying so.
 */
@Timeout(60)
class WebResearchTest {
    @TempDir
    Path dir;
    private StubWeb web;
    private final SettableClock clock = new SettableClock("2026-12-07T10:00:00Z");
    /** A model that answers every research question with a cited line, and records the question. */
    private final ScriptedRouter model = ScriptedRouter.answering("stub", "m1",
            "Use verifyWith(key) [1]; keys need 256 bits [2].");

    @BeforeEach
    void start() throws IOException {
        web = new StubWeb();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private ResearchSettings settings() {
        return new ResearchSettings(URI.create(web.url()), null, null, 2_000_000, 2, 3, true, 24);
    }

    private WebResearch research(ResearchSettings s, ModelRouter router) {
        return new WebResearch(s, router, dir.resolve("research"), clock, PageFetcher.HostResolver.SYSTEM);
    }

    @Test
    void theBriefCitesThePagesReadAndSaysWhyAPageWasNot() {
        WebResearch.Result r = research(settings(), model).research("jjwt 0.12 parser", 3, 3);
        WebResearch.Answer a = r.answer();
        assertEquals("Use verifyWith(key) [1]; keys need 256 bits [2].", a.brief());
        assertEquals("stub/m1", a.researchedBy());
        assertEquals(List.of("read", "read", "not read: larger than 2000000 bytes ([research] page_max_bytes)"),
                a.sources().stream().map(WebResearch.Source::read).toList());
        assertEquals("About /page/jwt", a.sources().get(0).snippet(), "the engine's highlight tags are gone");
        assertEquals(List.of(ModelTask.RESEARCH), model.tasks);
        String prompt = model.asked.get(0).prompt();
        assertTrue(prompt.contains("Use Jwts.parser().verifyWith(key).build() in 0.12."), prompt);
        assertTrue(prompt.contains("HS256 keys must be at least 256 bits."), prompt);
        assertFalse(prompt.contains("tracking") || prompt.contains("Home | Docs") || prompt.contains("(c) someone"),
                "scripts, navigation and footers are not text: " + prompt);
        assertTrue(web.got.contains("/search?format=json&q=jjwt+0.12+parser"), web.got.toString());
    }

    @Test
    void aSecondAskIsAnsweredFromTheCacheWithItsAgeUntilItExpires() {
        WebResearch research = research(settings(), model);
        research.research("jjwt 0.12 parser", 2, 1);
        clock.advance(Duration.ofMinutes(90));
        WebResearch.Result again = research.research("  JJWT   0.12 Parser ", 2, 1);
        assertTrue(again.cached());
        assertEquals(5400, again.ageSeconds());
        assertEquals(1, web.searches(), "case and spacing do not matter");
        research.research("jjwt 0.12 parser", 2, 2);
        assertEquals(2, web.searches(), "other options are another question");
        clock.advance(Duration.ofHours(23));
        WebResearch.Result expired = research.research("jjwt 0.12 parser", 2, 1);
        assertFalse(expired.cached());
        assertEquals(3, web.searches());
    }

    @Test
    void aCorruptCacheFileIsTakenAsAbsentAndWrittenAnew() throws IOException {
        WebResearch research = research(settings(), model);
        research.research("jjwt", 2, 0);
        Path file = new ResearchCache(dir.resolve("research"), clock, Duration.ofHours(24)).file("jjwt", 2, 0);
        assertTrue(Files.isRegularFile(file), file.toString());
        Files.writeString(file, "{\"query\": \"jjwt\", \"created\": \"yesterday\"");
        assertFalse(research.research("jjwt", 2, 0).cached());
        assertEquals(2, web.searches());
        assertTrue(research.research("jjwt", 2, 0).cached(), "the answer was written again");
    }

    @Test
    void withoutAModelTheSourcesOwnWordsComeBackAndTheNoteSaysWhy() {
        WebResearch.Result r = research(settings(), ModelRouter.NONE).research("jjwt 0.12 parser", 2, 2);
        assertEquals("the sources' own words", r.answer().researchedBy());
        assertTrue(r.answer().note().contains("no model key is set"), r.answer().note());
        assertTrue(r.answer().brief().contains("[1] JWT in jjwt 0.12") || r.answer().brief().contains(
                "[1] Title of /page/jwt"), r.answer().brief());
        assertTrue(r.answer().brief().contains("HS256 keys must be at least 256 bits."), r.answer().brief());
        assertFalse(research(settings(), ModelRouter.NONE).research("jjwt 0.12 parser", 2, 2).cached(),
                "only a model's brief is kept: one made once a key is set should not wait for this to expire");
    }

    @Test
    void aFailingModelFallsBackToTheSourcesAndNamesTheFailure() {
        ModelRouter failing = ScriptedRouter.failing("groq", "groq: HTTP 429");
        WebResearch.Result r = research(settings(), failing).research("jjwt", 1, 1);
        assertTrue(r.answer().note().contains("groq: HTTP 429"), r.answer().note());
    }

    @Test
    void badInputsAreRefusedWithTheLimitsNamed() {
        WebResearch research = research(settings(), model);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> research.research(" ", null, null))
                .getMessage().contains("query must be 1 to 500 characters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> research.research("x".repeat(501), null, null))
                .getMessage().contains("500"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> research.research("q", 11, null))
                .getMessage().contains("max_results must be from 1 to 10, not 11"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> research.research("q", 2, 3))
                .getMessage().contains("fetch_pages must be from 0 to 2"));
        assertEquals(0, web.got.size(), "nothing was searched");
    }

    @Test
    void withoutABackendTheErrorSaysHowToConfigureOne() {
        WebResearch research = research(ResearchSettings.defaults(), model);
        String message = assertThrows(SearchBackend.SearchFailure.class, () -> research.research("q", null, null))
                .getMessage();
        assertTrue(message.contains("[research] searxng_url") && message.contains("BRAVE_API_KEY"), message);
    }

    @Test
    void aSearxngThatRefusesJsonIsNamedWithTheSettingToChange() {
        web.searchStatus = 403;
        String message = assertThrows(SearchBackend.SearchFailure.class, () -> research(settings(), model)
                .research("q", null, null)).getMessage();
        assertTrue(message.contains("HTTP 403") && message.contains("search.formats"), message);
    }

    @Test
    void braveIsAskedWithItsKeyWhenNoSearxngIsSet() {
        ResearchSettings brave = new ResearchSettings(null, URI.create(web.url() + "/res/v1"), "key-1", 2_000_000, 2,
                3, true, 24);
        WebResearch.Result r = research(brave, model).research("hs256 key size", 1, 1);
        assertEquals("HS256 keys", r.answer().sources().get(0).snippet());
        assertEquals("read", r.answer().sources().get(0).read());
    }
}
