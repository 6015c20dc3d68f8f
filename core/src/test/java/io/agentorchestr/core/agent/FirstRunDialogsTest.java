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
        dialogs(config).preAccept(claude, Path.of("/wt"), List.of(Path.of("/wt/w01"), Path.of("/wt/w02")));

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
        dialogs(config).preAccept(claude, dir, List.of(dir));
        assertTrue(new ObjectMapper().readTree(Files.readString(config)).path("projects").path(dir.toString())
                .path("hasTrustDialogAccepted").asBoolean());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(config)));
    }

    @Test
    void agentsWithoutTheDialogAreLeftAlone() {
        Path config = dir.resolve(".claude.json");
        assertEquals(List.of(), dialogs(config).preAccept(AgentRegistry.load(null).find("demo").orElseThrow(), dir,
                List.of(dir)));
        assertTrue(Files.notExists(config));
    }

    @Test
    void codexTrustIsALaunchOverrideThatKeepsTheUsersProjectsAndWritesNothing() throws IOException {
        Path home = dir.resolve("codex-home");
        Files.createDirectories(home);
        String users = "model = \"gpt-5\"\n[projects.\"/home/u/app\"]\ntrust_level = \"trusted\"\n"
                + "[projects.\"/home/u/untrusted \\\"x\\\"\"]\ntrust_level = \"untrusted\"\n";
        Files.writeString(home.resolve("config.toml"), users);
        FirstRunDialogs dialogs = new FirstRunDialogs(dir.resolve(".claude.json"), home);

        List<String> args = dialogs.preAccept(AgentRegistry.load(null).find("codex").orElseThrow(),
                Path.of("/repo"), List.of(Path.of("/repo/../wt/w01")));

        assertEquals("-c", args.get(0));
        assertEquals("projects={\"/home/u/app\"={\"trust_level\"=\"trusted\"},"
                + "\"/home/u/untrusted \\\"x\\\"\"={\"trust_level\"=\"untrusted\"},"
                + "\"/wt/w01\"={\"trust_level\"=\"trusted\"},\"/repo\"={\"trust_level\"=\"trusted\"}}", args.get(1));
        assertTrue(org.tomlj.Toml.parse(args.get(1)).errors().isEmpty(), "the override is valid TOML");
        assertEquals(users, Files.readString(home.resolve("config.toml")));
        assertTrue(Files.notExists(dir.resolve(".claude.json")));
    }

    @Test
    void aBrokenCodexConfigIsNamedNotIgnored() throws IOException {
        Files.writeString(dir.resolve("config.toml"), "[projects\n");
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> new FirstRunDialogs(
                dir.resolve(".claude.json"), dir).preAccept(AgentRegistry.load(null).find("codex").orElseThrow(),
                dir, List.of(dir)));
        assertTrue(e.getMessage().contains(dir.resolve("config.toml").toString()), e.getMessage());
    }

    private FirstRunDialogs dialogs(Path claudeConfig) {
        return new FirstRunDialogs(claudeConfig, dir.resolve("no-codex-home"));
    }

    @Test
    void anUnreadableConfigIsAnErrorNotAnOverwrite() throws IOException {
        Path config = dir.resolve(".claude.json");
        Files.writeString(config, "[1, 2");
        assertThrows(AgentorchestrException.class, () -> dialogs(config).preAccept(claude, dir, List.of(dir)));
        assertEquals("[1, 2", Files.readString(config));
    }
}
