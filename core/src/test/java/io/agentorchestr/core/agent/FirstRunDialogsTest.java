package io.agentorchestr.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.error.AgentorchestrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstRunDialogsTest {
    @TempDir
    Path dir;

    private final AgentProfile claude = AgentRegistry.load(null).find("claude").orElseThrow();

    @Test
    void claudeTrustIsAddedWithoutTouchingTheUsersOtherKeys() throws IOException {
        Path config = dir.resolve(".claude.json");
        Files.writeString(config, "{\"theme\":\"dark\",\"projects\":{\"/home/u/app\":{\"allowedTools\":[\"Bash\"]},"
                + "\"/wt/w01\":{\"history\":[1]}}}");
        new FirstRunDialogs(config).preAccept(claude, List.of(Path.of("/wt/w01"), Path.of("/wt/w02")));

        JsonNode root = new ObjectMapper().readTree(Files.readString(config));
        assertEquals("dark", root.get("theme").asText());
        assertEquals("Bash", root.at("/projects/~1home~1u~1app/allowedTools/0").asText());
        assertTrue(root.at("/projects/~1wt~1w01/hasTrustDialogAccepted").asBoolean());
        assertEquals(1, root.at("/projects/~1wt~1w01/history/0").asInt());
        assertTrue(root.at("/projects/~1wt~1w02/hasTrustDialogAccepted").asBoolean());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void aMissingConfigIsCreatedPrivate() throws IOException {
        Path config = dir.resolve("sub/.claude.json");
        new FirstRunDialogs(config).preAccept(claude, List.of(dir));
        assertTrue(new ObjectMapper().readTree(Files.readString(config)).path("projects").path(dir.toString())
                .path("hasTrustDialogAccepted").asBoolean());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(config)));
    }

    @Test
    void agentsWithoutTheDialogAreLeftAlone() {
        Path config = dir.resolve(".claude.json");
        new FirstRunDialogs(config).preAccept(AgentRegistry.load(null).find("codex").orElseThrow(), List.of(dir));
        assertTrue(Files.notExists(config));
    }

    @Test
    void anUnreadableConfigIsAnErrorNotAnOverwrite() throws IOException {
        Path config = dir.resolve(".claude.json");
        Files.writeString(config, "[1, 2");
        assertThrows(AgentorchestrException.class, () -> new FirstRunDialogs(config).preAccept(claude, List.of(dir)));
        assertEquals("[1, 2", Files.readString(config));
    }
}
