package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.cli.Distribution;
import io.agentorchestr.core.agent.AgentRegistry;
import io.agentorchestr.core.process.ExecResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --doctor --live} against the real, pinned agent CLIs: each reaches its input prompt with no
 * blocking screen, and one that stops at a first-run screen fails the check with that screen. The
 * screens it sees are written to target/screens/AGENT/VERSION/ for refreshing the fixtures after a
 * version bump (see ScreenFixturesTest).
 */
@Timeout(400)
class DoctorLiveIT {
    @TempDir
    Path dir;
    private Distribution dist;
    private ScriptedModelServer api;

    @BeforeEach
    void setUp() throws IOException {
        dist = new Distribution(dir).withTimeout(Duration.ofMinutes(6));
        api = new ResponsesApi(new ModelScript(List.of()));
    }

    @AfterEach
    void tearDown() {
        dist.close();
        api.close();
    }

    @Test
    void everyPinnedAgentReachesItsPromptWithNoBlockingScreen() throws IOException {
        dist.withPath(RealAgents.npmBin("codex") + ":" + System.getenv("PATH"));
        UserConfigs.claude(dist, api.baseUrl());
        UserConfigs.codex(dist, api.baseUrl());
        UserConfigs.gemini(dist, api.baseUrl());
        UserConfigs.opencode(dir.resolve("xdg/config"), api.baseUrl());

        ExecResult r = dist.run("--doctor", "--live", "--json");
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        Map<String, JsonNode> live = new HashMap<>();
        out.get("live").forEach(l -> live.put(l.get("agent").asText(), l));
        for (PinnedAgents.Pin pin : PinnedAgents.load()) {
            JsonNode l = live.get(pin.agent());
            assertTrue(l != null, pin + " was not checked: " + r.stdout() + r.stderr());
            saveScreen(pin, l);
            assertTrue(l.get("ok").asBoolean(), pin + ": " + l.get("detail").asText() + "\n" + l.get("screen").asText());
            assertTrue(l.get("version").asText().contains(pin.version()), l.get("version").asText());
            assertEquals(List.of(), RealAgents.leftoversAfterExit(dist, pin.agent()), "nothing of " + pin + " left");
        }
        JsonNode demo = live.get("demo");
        assertTrue(demo != null && demo.get("ok").asBoolean(), "the demo is checked too, given a small task: " + demo);
        assertTrue(demo.get("command").toString().contains("--prompt-file"), demo.toString());
        assertTrue(demo.get("screen").asText().contains("demo> "), demo.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        JsonNode claude = new ObjectMapper().readTree(Files.readString(dist.home().resolve(".claude.json")));
        claude.path("projects").fieldNames().forEachRemaining(p -> assertFalse(p.contains("agentorchestr-live-"),
                "the live check took back the trust it gave its temporary repository: " + claude));
    }

    @Test
    void aFirstRunScreenFailsTheCheckAndIsShown() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("only-gemini"));
        Files.createSymbolicLink(bin.resolve("gemini"), RealAgents.npmBin("gemini").resolve("gemini").toRealPath());
        dist.withPath(bin + ":" + System.getenv("PATH"));
        UserConfigs.geminiKey(dist, api.baseUrl());

        ExecResult r = dist.run("--doctor", "--live");
        assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("FAIL live gemini"), r.stdout());
        assertTrue(r.stdout().contains("a screen blocks it: How would you like to authenticate"), r.stdout());
        assertTrue(r.stdout().contains("live gemini: FAIL") && r.stdout().contains("Use Gemini API Key"),
                r.stdout());
        assertTrue(r.stdout().contains("  started: " + bin.resolve("gemini")), "what was started: " + r.stdout());
        assertTrue(r.stdout().contains("ok   live demo"), "the bundled demo is checked too: " + r.stdout());
        assertFalse(r.stdout().contains("live codex"), "only installed agents are started: " + r.stdout());
        assertEquals(List.of(), RealAgents.leftoversAfterExit(dist, "gemini"), "the blocked agent was stopped");
    }

    /** The screen seen, filed by agent, version and what the markers make of it. */
    private static void saveScreen(PinnedAgents.Pin pin, JsonNode live) throws IOException {
        String screen = live.get("screen").asText();
        String state = AgentRegistry.load(null).find(pin.agent()).orElseThrow().markers().classify(screen).name()
                .toLowerCase(java.util.Locale.ROOT);
        Path file = Path.of("target/screens", pin.agent(), pin.version(), "live-prompt." + state + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, screen);
    }
}
