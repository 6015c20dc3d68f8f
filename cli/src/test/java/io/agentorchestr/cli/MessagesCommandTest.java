package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.store.SqliteStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --messages ID: a session's message log from a real store, as text, as JSON, and refused for a bad id. */
class MessagesCommandTest {
    @TempDir
    Path dir;

    private InProcess cli;

    @BeforeEach
    void storeWithAnExchange() {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("data/state.db"))) {
            Instant now = Instant.now();
            store.createSession(new SessionRecord("s1", "auto", "goal", "/repo", "demo", List.of("demo"),
                    SessionStatus.DONE, "abc", "i", "t", "", null, "/d", 1, null, now, now, now));
            MessageRecord q = store.messages().append(new MessageRecord("s1", 0, "m-q", "w01", 1, "w02",
                    List.of(new MessageRecord.Recipient("w02", 1)), MessageType.QUESTION, "which port?\nplease",
                    "m-q", null, "normal", now));
            store.messages().append(new MessageRecord("s1", 0, "m-a", "w02", 1, "w01",
                    List.of(new MessageRecord.Recipient("w01", 1)), MessageType.ANSWER, "8080 \u001b[2J", q.threadId(),
                    q.id(), "high", now));
        }
    }

    private int run(String... args) {
        if (cli == null) {
            cli = new InProcess(dir);
        }
        return cli.run(args);
    }

    @Test
    void theLogIsPrintedOldestFirstWithSenderRecipientTypeAndThreadAndBodiesMadeSafe() {
        assertEquals(0, run("--messages", "s1"));
        String text = cli.out.toString();
        assertTrue(text.matches("(?s)#1 \\d\\d:\\d\\d:\\d\\d  w01 -> w02  question  m-q\\n    which port\\?\\n    please\\n"
                + "#2 \\d\\d:\\d\\d:\\d\\d  w02 -> w01  answer \\(high\\)  m-a in m-q, reply to m-q\\n    8080 .*"), text);
        assertTrue(!text.contains("\u001b"), "no escape reaches the terminal");
    }

    @Test
    void jsonIsTheOneMessageViewAsWritten() throws Exception {
        assertEquals(0, run("--messages", "s1", "--json"));
        JsonNode all = new ObjectMapper().readTree(cli.out.toString());
        assertEquals(2, all.size());
        assertEquals("question", all.get(0).get("type").asText());
        assertEquals("m-q", all.get(1).get("reply_to").asText());
        assertEquals("m-q", all.get(1).get("thread_id").asText());
        assertEquals("w01", all.get(1).get("recipients").get(0).get("id").asText());
    }

    @Test
    void anUnknownSessionAndAFollowWithoutMessagesAreUsageErrors() {
        assertEquals(2, run("--messages", "nope"));
        assertTrue(cli.err.toString().contains("no session 'nope'; --list-sessions shows"), cli.err.toString());
        assertEquals(2, run("--follow"));
        assertTrue(cli.err.toString().contains("--follow goes with --messages: agentorchestr --messages ID --follow"),
                cli.err.toString());
    }

    @Test
    void followingAnEndedSessionPrintsItsLogAndReturns() {
        assertEquals(0, run("--messages", "s1", "--follow", "--json"));
        assertEquals(2, cli.out.toString().lines().count(), "one JSON object per line: " + cli.out);
    }
}
