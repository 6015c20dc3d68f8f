package io.agentorchestr.core.goal;

import io.agentorchestr.core.context.VerifyCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyCommandsTest {
    @TempDir
    Path project;

    @Test
    void configTomlWinsWithItsTimeout() throws IOException {
        Files.createDirectories(project.resolve(".agentorchestr"));
        Files.writeString(project.resolve(".agentorchestr/config.toml"),
                "[verify]\ncommands = [\"mvn -q verify\", \"npm test\"]\ntimeout_s = 90\n");
        Files.writeString(project.resolve(".agentorchestr/PROJECT.md"), "## How to verify\n```\nmake\n```\n");
        VerifyCommands c = VerifyCommands.load(project);
        assertEquals(List.of("mvn -q verify", "npm test"), c.commands());
        assertEquals(Duration.ofSeconds(90), c.timeout());
    }

    @Test
    void aVerifyTableOfTheWrongShapeIsRefusedWithWhatToWrite() throws IOException {
        Files.createDirectories(project.resolve(".agentorchestr"));
        String[][] cases = {
            {"commands = \"mvn verify\"", "[verify] commands must be a list of shell commands"},
            {"commands = [\"make\", 5]", "[verify] commands item 2 must be a non-empty string"},
            {"commands = [{ run = \"x\" }]", "[verify] commands item 1 must be a non-empty string"},
            {"commands = [\"make\"]\ntimeout_s = \"90\"", "[verify] timeout_s must be a whole number of seconds"},
            {"commands = [\"make\"]\ntimeout_s = 0", "[verify] timeout_s must be a whole number of seconds"},
        };
        for (String[] c : cases) {
            Files.writeString(project.resolve(".agentorchestr/config.toml"), "[verify]\n" + c[0] + "\n");
            io.agentorchestr.core.error.AgentorchestrException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.agentorchestr.core.error.AgentorchestrException.class, () -> VerifyCommands.load(project), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]) && e.getMessage().contains("config.toml"), e.getMessage());
        }
    }

    @Test
    void projectMdGivesTheFencedBlockUnderHowToVerify() throws IOException {
        Files.createDirectories(project.resolve(".agentorchestr"));
        Files.writeString(project.resolve(".agentorchestr/PROJECT.md"), """
                # Project
                ## Stack
                ```
                not a command
                ```
                ## How to verify
                Run these from the root:
                ```sh
                # build first
                ./gradlew build

                ./gradlew test
                ```
                ## Architecture
                ```
                also not a command
                ```
                """);
        VerifyCommands c = VerifyCommands.load(project);
        assertEquals(List.of("./gradlew build", "./gradlew test"), c.commands());
        assertTrue(c.source().endsWith("PROJECT.md (## How to verify)"));
    }

    @Test
    void noConfigurationMeansNoCommands() {
        assertEquals(List.of(), VerifyCommands.load(project).commands());
    }
}
