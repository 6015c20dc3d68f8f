package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.goal.GoalOutcome;
import io.modelcontextprotocol.client.McpSyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.agentorchestr.cli.mcp.LiveSession.call;
import static io.agentorchestr.cli.mcp.LiveSession.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * remember and recall over the real MCP transport, from the lead and from a worker; what is
 * remembered reaches the prompt of a later worker whose task matches, and the session's episode is
 * written when it ends.
 */
@Timeout(180)
class MemoryToolsIT {
    @TempDir
    Path dir;

    @Test
    void notesRememberedByTheLeadAndAWorkerAreRecalledAndGivenToAMatchingWorker() throws Exception {
        try (LiveSession session = new LiveSession(dir, 3)) {
            String[] endpoint = session.leadEndpoint();
            McpSyncClient lead = LiveSession.client(endpoint[0], endpoint[1]);
            try {
                JsonNode first = json(call(lead, "remember", Map.of("topic", "Database migrations",
                        "text", "Run flyway with -Dflyway.cleanDisabled=true; cleaning drops the audit tables.")));
                assertTrue(first.get("created").asBoolean(), first.toString());
                Path note = Path.of(first.get("path").asText());
                assertEquals("project-memory:topics/database-migrations.md", first.get("note").asText());
                assertTrue(note.endsWith("topics/database-migrations.md"), note.toString());
                assertTrue(note.startsWith(dir.resolve("data")), "a project without .agentorchestr/ keeps its notes "
                        + "in the data directory, not in the checkout: " + note);
                JsonNode second = json(call(lead, "remember", Map.of("topic", "database migrations",
                        "text", "Migrations live in db/migration.")));
                assertFalse(second.get("created").asBoolean());
                String text = Files.readString(note);
                assertTrue(text.startsWith("# Database migrations\n"), text);
                assertTrue(text.contains("lead (session ") && text.contains("cleaning drops the audit tables")
                        && text.contains("Migrations live in db/migration."), text);

                JsonNode found = json(call(lead, "recall", Map.of("query", "flyway audit", "k", 3)));
                assertEquals(1, found.size(), found.toString());
                assertEquals("Database migrations", found.get(0).get("title").asText());
                assertEquals("topics", found.get(0).get("kind").asText());
                assertTrue(found.get(0).get("snippet").asText().contains("flyway"), found.toString());
                assertEquals(0, json(call(lead, "recall", Map.of("query", "kubernetes"))).size());
                assertTrue(call(lead, "recall", Map.of("query", "  ")).isError());
                assertTrue(call(lead, "remember", Map.of("topic", "two\nlines", "text", "x")).isError());

                call(lead, "spawn_worker", Map.of("task", "idle [demo:ignore]"));
                var access = session.started.server().workerAccess("w01");
                McpSyncClient worker = LiveSession.client(access.url(), "Bearer " + access.token());
                try {
                    JsonNode w = json(call(worker, "remember", Map.of("topic", "Test data",
                            "text", "The fixtures need a UTC clock: TZ=UTC before mvn test.")));
                    assertTrue(Files.readString(Path.of(w.get("path").asText())).contains("w01 (session "));
                    assertEquals("Test data", json(call(worker, "recall", Map.of("query", "fixtures clock")))
                            .get(0).get("title").asText());
                } finally {
                    worker.closeGracefully();
                }

                call(lead, "spawn_worker", Map.of("task", "Add a flyway migration for the orders table"));
                Path prompt = Path.of(session.started.session().sessionDir(), "prompts", "w02.md");
                String w02 = Files.readString(prompt);
                int notes = w02.indexOf("## From the project's memory");
                assertTrue(notes > 0 && notes < w02.indexOf("## Your task"), w02);
                assertTrue(w02.contains("### Database migrations (") && w02.contains("cleaning drops the audit tables"),
                        w02);
                assertFalse(w02.contains("TZ=UTC"), "only notes that match the task: " + w02);

                call(lead, "mark_goal_done", Map.of("summary", "memory checked"));
                GoalOutcome outcome = session.run.await(session.started);
                session.markEnded();
                assertEquals("done", outcome.session().status().label());
            } finally {
                lead.closeGracefully();
            }
            Path episodes = dir.resolve("data").resolve("memory");
            try (Stream<Path> all = Files.walk(episodes)) {
                List<Path> written = all.filter(p -> p.getParent().endsWith("episodes")).toList();
                assertEquals(1, written.size(), written.toString());
                String episode = Files.readString(written.get(0));
                assertTrue(episode.contains("## Goal\ncontract test") && episode.contains("## Outcome\ndone: memory "
                        + "checked") && episode.contains("- w02 (demo, implementer)"), episode);
            }
        }
    }
}
