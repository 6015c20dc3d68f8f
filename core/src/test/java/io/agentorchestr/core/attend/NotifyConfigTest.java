package io.agentorchestr.core.attend;

import io.agentorchestr.core.error.AgentorchestrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotifyConfigTest {
    @TempDir
    Path dir;

    private Path user() throws IOException {
        return Files.createDirectories(dir.resolve("config"));
    }

    private Path project(String toml) throws IOException {
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve(".agentorchestr"));
        Files.writeString(project.resolve(".agentorchestr/config.toml"), toml);
        return project;
    }

    @Test
    void theUsersAndTheProjectsTablesAddUpAndTheProjectsIntervalWins() throws IOException {
        Files.writeString(user().resolve("config.toml"), "[notify]\nwebhooks = [\"https://hooks.example.com/T0/B0\"]\n"
                + "min_interval_s = 60\n");
        NotifyConfig c = NotifyConfig.load(user(), project("[notify]\ncommands = [\"say hi\"]\nmin_interval_s = 5\n"));
        assertEquals(List.of("say hi"), c.commands());
        assertEquals(List.of(URI.create("https://hooks.example.com/T0/B0")), c.webhooks());
        assertEquals(Duration.ofSeconds(5), c.minInterval());
    }

    @Test
    void noTableMeansNoCommandsNoWebhooksAndTheDefaultInterval() throws IOException {
        assertEquals(NotifyConfig.NONE, NotifyConfig.load(user(), project("[verify]\ncommands = []\n")));
    }

    @Test
    void aWebhookThatIsNoHttpUrlIsRefusedWithTheFileAndTheFix() throws IOException {
        Path project = project("[notify]\nwebhooks = [\"hooks.example.com/x\"]\n");
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> NotifyConfig.load(user(), project));
        assertTrue(e.getMessage().contains("'hooks.example.com/x' is not an http(s) URL; write it as https://host/path")
                && e.getMessage().contains(".agentorchestr/config.toml"), e.getMessage());
    }

    @Test
    void commandsThatAreNoListOfStringsAndANegativeIntervalAreRefused() throws IOException {
        Path strings = project("[notify]\ncommands = \"notify-send hi\"\n");
        assertTrue(assertThrows(AgentorchestrException.class, () -> NotifyConfig.load(user(), strings)).getMessage()
                .contains("[notify] commands in "));
        Path interval = project("[notify]\nmin_interval_s = -1\n");
        assertTrue(assertThrows(AgentorchestrException.class, () -> NotifyConfig.load(user(), interval)).getMessage()
                .contains("min_interval_s in "));
    }
}
