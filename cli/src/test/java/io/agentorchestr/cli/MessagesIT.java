package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.store.SqliteStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages between agents end to end: demo agents on real tmux, git, SQLite and the MCP server, the
 * message log read back with --messages.
 */
@Timeout(240)
class MessagesIT extends SandboxedRun {
    private JsonNode log(String session) throws IOException {
        ExecResult r = dist.run("--messages", session, "--json");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        return json.readTree(r.stdout());
    }

    @Test
    void twoWorkersExchangeAQuestionAndItsAnswerInOneThreadEachDeliveredOnce() throws IOException {
        JsonNode out = goal("Ask the other [demo:question=w02]\nAnswer questions [demo:answer]", 0);
        String session = out.get("session").asText();

        JsonNode messages = log(session);
        assertEquals(2, messages.size(), messages.toString());
        JsonNode q = messages.get(0);
        JsonNode a = messages.get(1);
        assertEquals(java.util.List.of("w01", "w02", "question"), java.util.List.of(q.get("from").asText(),
                q.get("to").asText(), q.get("type").asText()));
        assertEquals(java.util.List.of("w02", "w01", "answer"), java.util.List.of(a.get("from").asText(),
                a.get("to").asText(), a.get("type").asText()));
        assertEquals(q.get("id").asText(), a.get("reply_to").asText());
        assertEquals(q.get("thread_id").asText(), a.get("thread_id").asText());
        Path integration = Path.of(out.get("integration_worktree").asText());
        assertTrue(Files.readString(integration.resolve("demo/w01.md")).contains("w02 answered: w02 says: use port "
                + "8080"), "the answer reached the asker's work");
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            long notices = store.events(session).stream().filter(e -> e.kind().equals("message_sent")
                    && e.data().contains("\"from\":\"agentorchestr\"") && e.data().contains("\"to\":\"w02\"")).count();
            assertEquals(1, notices, "w02, which does not poll, was told once");
            assertTrue(store.messages().unread(session, "w01").isEmpty());
            assertTrue(store.messages().unread(session, "w02").isEmpty());
        }
        ExecResult text = dist.run("--messages", session);
        assertTrue(text.stdout().contains("w01 -> w02  question"), text.stdout());
    }

    @Test
    void aWorkersQuestionToTheLeadIsAnsweredByTheLeadThroughItsInbox() throws IOException {
        JsonNode out = goal("Ask the lead [demo:question=lead]", 0);

        JsonNode messages = log(out.get("session").asText());
        assertEquals(2, messages.size(), messages.toString());
        assertEquals("lead", messages.get(0).get("to").asText());
        assertEquals("lead", messages.get(1).get("from").asText());
        assertEquals("the lead says: yes, go ahead", messages.get(1).get("body").asText());
    }

    @Test
    void aQuestionAskedBeforeAKillDashNineIsToldAnsweredAndReadOnceAfterTheResume() throws Exception {
        Process first = dist.start(dir.resolve("first-run.log"), "--goal", "Ask [demo:question=w02]\n"
                + "Answer later [demo:sleep=8] [demo:answer]", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json");
        String session = io.agentorchestr.core.testing.Poll.value("the question stored", java.time.Duration
                .ofSeconds(90), () -> {
                    if (!Files.exists(dist.stateDb())) {
                        return null;
                    }
                    try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
                        return store.recentSessions(1).stream().map(s -> s.id())
                                .filter(id -> !store.messages().after(id, 0, 1).isEmpty()).findFirst().orElse(null);
                    }
                });
        first.destroyForcibly();
        assertTrue(first.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));

        ExecResult r = dist.run("--resume", session, "--no-attach", "--json");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());

        JsonNode messages = log(session);
        assertEquals(java.util.List.of("question", "answer"), java.util.List.of(messages.get(0).get("type").asText(),
                messages.get(1).get("type").asText()), messages.toString());
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            long notices = store.events(session).stream().filter(e -> e.kind().equals("message_sent")
                    && e.data().contains("\"from\":\"agentorchestr\"") && e.data().contains("\"to\":\"w02\"")).count();
            assertEquals(1, notices, "told once, by the resumed orchestrator");
            assertTrue(store.messages().unread(session, "w01").isEmpty() && store.messages().unread(session, "w02")
                    .isEmpty(), "nothing unread is lost");
        }
        Path integration = Path.of(json.readTree(r.stdout()).get("integration_worktree").asText());
        assertTrue(Files.readString(integration.resolve("demo/w01.md")).contains("w02 answered"));
    }

    @Test
    void aReviewersWorkReachesTheLeadAsAReviewAndIsNotMerged() throws IOException {
        JsonNode out = goal("Write the note\nReview the note [demo:role=reviewer]", 0);

        JsonNode messages = log(out.get("session").asText());
        assertEquals(1, messages.size(), messages.toString());
        assertEquals(java.util.List.of("w02", "lead", "review"), java.util.List.of(messages.get(0).get("from").asText(),
                messages.get(0).get("to").asText(), messages.get(0).get("type").asText()));
        Path integration = Path.of(out.get("integration_worktree").asText());
        assertTrue(Files.exists(integration.resolve("demo/w01.md")));
        assertTrue(!Files.exists(integration.resolve("demo/w02.md")), "the reviewer's branch was not merged");
    }

    @Test
    void aCallOutsideAWorkersRoleIsRefusedNamingTheRole() throws IOException {
        Files.createDirectories(project.dir().resolve(".agentorchestr"));
        Files.writeString(project.dir().resolve(".agentorchestr/config.toml"), "[perspectives.scout]\n"
                + "guide = \"Look around; report what you see.\"\ntools = [\"report_done\"]\nmerged = false\n"
                + "produces = \"result\"\n");
        project.git("add", "-A");
        project.git("commit", "-q", "-m", "a scout role");

        JsonNode out = goal("Ask the lead [demo:role=scout] [demo:question=lead]", 3);

        JsonNode w = out.get("workers").get(0);
        assertEquals("failed", w.get("state").asText(), w.toString());
        assertTrue(w.get("summary").asText().contains("send_message is not among the tools of your role, scout: "
                + "report_done"), w.toString());
    }
}
