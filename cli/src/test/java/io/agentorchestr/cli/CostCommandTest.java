package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.store.SqliteStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --cost: a finished session's worker and lead read from Claude Code's transcripts under HOME (a
 * transcript the pinned Claude Code wrote here), priced with the project's prices; a demo worker unknown.
 */
class CostCommandTest {
    @TempDir
    Path dir;
    private InProcess cli;

    @BeforeEach
    void sessionWithAClaudeWorker() throws IOException {
        cli = new InProcess(dir);
        Path project = Files.createDirectories(dir.resolve("project/.agentorchestr")).getParent();
        Files.writeString(project.resolve(".agentorchestr/config.toml"), "[prices.\"claude-opus-5-5\"]\ninput = 5\n"
                + "output = 25\n");
        Path worktree = dir.resolve("worktrees/project-1/s1/w01");
        Path transcripts = Files.createDirectories(dir.resolve(".claude/projects").resolve(worktree.toString()
                .replaceAll("[/.]", "-")));
        try (InputStream in = getClass().getResourceAsStream("/io/agentorchestr/core/cost/claude-code-transcript.jsonl")) {
            Files.write(transcripts.resolve("t.jsonl"), in.readAllBytes());
        }
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("data/state.db"))) {
            Instant now = Instant.now();
            store.createSession(new SessionRecord("s1", "auto", "goal", project.toString(), "demo", List.of("claude"),
                    SessionStatus.DONE, "abc", "i", "t", "", null, "/d", 1, null, now, now, now));
            store.saveWorker(new WorkerRecord("s1", "w01", 1, "implementer", "claude", null, "task", "%1",
                    worktree.toString(), "b1", WorkerState.DONE, "ok", null, null, "/log", now, now, now, null, null));
            store.saveWorker(new WorkerRecord("s1", "w02", 1, "implementer", "demo", null, "task", "%2",
                    worktree.resolveSibling("w02").toString(), "b2", WorkerState.DONE, "ok", null, null, "/log", now,
                    now, now, null, null));
        }
    }

    @Test
    void aSessionsCostIsEachAgentsTokensPricedAndUnknownPartsAreSaidNotCounted() throws Exception {
        assertEquals(0, cli.run("--cost", "s1", "--json"), cli.err.toString());
        JsonNode out = new ObjectMapper().readTree(cli.out.toString());
        JsonNode w01 = out.at("/sessions/0/parts/0");
        assertEquals(500, w01.get("input_tokens").asLong());
        assertEquals(100, w01.get("output_tokens").asLong());
        assertEquals(500 * 5 / 1e6 + 100 * 25 / 1e6, w01.get("usd").asDouble(), 1e-12);
        assertEquals(false, out.at("/sessions/0/parts/1/known").asBoolean(), "the demo worker: unknown");
        assertEquals("lead", out.at("/sessions/0/parts/2/who").asText());
        assertEquals(2, out.get("unknown_parts").asLong());
        assertEquals(0.005, out.get("usd").asDouble(), 1e-12);
    }

    @Test
    void theTableSaysUnknownAndTheTotalSaysWhatItLeavesOut() {
        assertEquals(0, cli.run("--cost", "--since", "7d"), cli.err.toString());
        String text = cli.out.toString();
        assertTrue(text.contains("claude-opus-5-5") && text.contains("0.0050") && text.contains("unknown"), text);
        assertTrue(text.contains("total: USD 0.0050 (2 part(s) without a known cost are not in it)"), text);
    }

    @Test
    void listSessionsShowsEachSessionsKnownCostMarkedWhenAPartIsUnknown() throws Exception {
        assertEquals(0, cli.run("--list-sessions"), cli.err.toString());
        String text = cli.out.toString();
        assertTrue(text.contains("USD") && text.contains("0.0050+"), text);

        cli.out.getBuffer().setLength(0);
        assertEquals(0, cli.run("--list-sessions", "--json"), cli.err.toString());
        JsonNode s1 = new ObjectMapper().readTree(cli.out.toString()).get(0);
        assertEquals(0.005, s1.get("usd").asDouble(), 1e-12);
        assertEquals(2, s1.get("usd_unknown_parts").asInt());
    }

    @Test
    void anUnknownSessionOrASinceWithoutCostIsAUsageError() {
        assertEquals(2, cli.run("--cost", "nope"));
        assertTrue(cli.err.toString().contains("no session 'nope'"), cli.err.toString());
        assertEquals(2, cli.run("--since", "7d"));
        assertTrue(cli.err.toString().contains("--since goes with --cost"), cli.err.toString());
    }
}
