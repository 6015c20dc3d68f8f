package io.agentorchestr.cli.agents;

import io.agentorchestr.core.agent.AgentRegistry;
import io.agentorchestr.core.agent.ScreenMarkers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real screens of each agent CLI, captured at its pinned version (src/test/resources/screens/AGENT/VERSION/
 * NAME.STATE.txt), classified by the bundled profile's markers. An agent update that changes its UI
 * shows up here: the version bump needs new captures, and the markers must classify them.
 */
class ScreenFixturesTest {
    static final Path SCREENS = Path.of("src/test/resources/screens");
    private final AgentRegistry registry = AgentRegistry.load(null);

    @TestFactory
    Stream<DynamicTest> everyCapturedScreenIsClassifiedAsItsNameSays() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SCREENS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                Path rel = SCREENS.relativize(f);
                String agent = rel.getName(0).toString();
                String[] parts = f.getFileName().toString().split("\\.");
                ScreenMarkers.State expected = ScreenMarkers.State.valueOf(parts[parts.length - 2]
                        .toUpperCase(Locale.ROOT));
                tests.add(DynamicTest.dynamicTest(rel.toString(), () -> {
                    ScreenMarkers markers = registry.find(agent).orElseThrow().markers();
                    assertEquals(expected, markers.classify(Files.readString(f)), rel.toString());
                }));
            }
        }
        assertTrue(tests.size() >= 4, "no screen captures found under " + SCREENS.toAbsolutePath());
        return tests.stream();
    }

    @Test
    void everyPinnedAgentHasScreensOfItsPinnedVersionIncludingItsIdlePrompt() throws IOException {
        for (PinnedAgents.Pin pin : PinnedAgents.load()) {
            Path dir = SCREENS.resolve(pin.agent()).resolve(pin.version());
            assertTrue(Files.isDirectory(dir), pin + ": no screen captures in " + dir + "; the ITs write the "
                    + "screens they see to target/screens/" + pin.agent() + "/" + pin.version() + ": review and copy");
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith(".idle.txt")),
                        pin + ": no idle screen in " + dir);
            }
        }
    }

    @Test
    void aWaitingScreenQuotesItsQuestion() throws IOException {
        ScreenMarkers codex = registry.find("codex").orElseThrow().markers();
        String screen = Files.readString(SCREENS.resolve("codex/0.169.0/folder-trust.waiting.txt"));
        String question = codex.question(screen).orElseThrow();
        assertTrue(question.startsWith("Trust this folder?"), question);
        assertTrue(question.contains("1. Trust and continue"), question);
    }
}
