package io.agentorchestr.core.agent;

import io.agentorchestr.core.process.SystemProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConversationFinderTest {
    @TempDir
    Path dir;

    private final AgentProfile opencode = AgentRegistry.load(null).find("opencode").orElseThrow();

    @Test
    void theNewestConversationOfTheDirectoryIsChosenNotAnotherWorktreesOfTheSameProject() throws IOException {
        Path w01 = Files.createDirectories(dir.resolve("w01"));
        String listing = "[{\"id\":\"ses_other\",\"directory\":\"" + dir.resolve("w02") + "\",\"updated\":300},"
                + "{\"id\":\"ses_old\",\"directory\":\"" + w01 + "\",\"updated\":100},"
                + "{\"id\":\"ses_new\",\"directory\":\"" + w01 + "/.\",\"updated\":200}]";
        assertEquals(Optional.of("ses_new"), ConversationFinder.newestIn(listing, w01));
        assertEquals(Optional.empty(), ConversationFinder.newestIn(listing, dir.resolve("w03")));
    }

    @Test
    void unreadableListingsFindNothing() {
        assertEquals(Optional.empty(), ConversationFinder.newestIn("Error: no such command", dir));
        assertEquals(Optional.empty(), ConversationFinder.newestIn("{\"id\":\"x\"}", dir));
        assertEquals(Optional.empty(), ConversationFinder.newestIn("[{\"directory\":\"" + dir + "\"}]", dir));
    }

    @Test
    void theAgentIsAskedInTheDirectoryWithItsListArguments() throws IOException {
        Path agent = dir.resolve("fake-opencode");
        Files.writeString(agent, "#!/bin/sh\n[ \"$*\" = 'session list --format json' ] || exit 2\n"
                + "printf '[{\"id\":\"ses_1\",\"directory\":\"%s\",\"updated\":1}]' \"$(pwd)\"\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path worktree = Files.createDirectories(dir.resolve("wt"));
        ConversationFinder finder = new ConversationFinder(new SystemProcessRunner());
        assertEquals(Optional.of("ses_1"), finder.find(opencode, agent, worktree, null));
        assertEquals(Optional.of("known"), finder.find(opencode, agent, worktree, "known"));
        AgentProfile claude = AgentRegistry.load(null).find("claude").orElseThrow();
        assertEquals(Optional.empty(), finder.find(claude, agent, worktree, null), "claude pre-assigns its ids");
    }

    @Test
    void aFailingListingFindsNothing() throws IOException {
        Path agent = dir.resolve("broken");
        Files.writeString(agent, "#!/bin/sh\necho 'database is locked' >&2\nexit 1\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Optional.empty(), new ConversationFinder(new SystemProcessRunner()).find(opencode, agent, dir,
                null));
    }
}
