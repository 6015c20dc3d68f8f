package io.agentorchestr.core.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each agent's usage records, from files the pinned CLIs wrote here against the scripted model
 * servers (100 input and 20 output tokens per response): Claude Code 2.1.330's transcript of a worker
 * that made five model calls, Codex 0.169.0's rollout of one that made three, Gemini CLI 0.61.0's chat
 * recording of one that made three, and OpenCode 1.18.33's session row of one that made three.
 */
class UsageMeterTest {
    @TempDir
    Path dir;

    private static String sample(String name) throws IOException {
        try (InputStream in = UsageMeterTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path claudeTranscript(Path worktree, String text) throws IOException {
        Path d = Files.createDirectories(dir.resolve("claude/projects").resolve(ClaudeTranscripts.slug(worktree)));
        return Files.writeString(d.resolve("e6fa897b.jsonl"), text);
    }

    @Test
    void claudeCodesTranscriptCountsEachResponseOnceWithItsModel() throws IOException {
        Path worktree = dir.resolve("wt/w02");
        claudeTranscript(worktree, sample("claude-code-transcript.jsonl"));
        UsageMeter meter = new UsageMeter(dir.resolve("claude"), dir.resolve("codex"));

        TokenUsage u = meter.usage("w02", "claude", worktree, Instant.now()).orElseThrow();

        assertEquals(new TokenUsage("claude-opus-5-5", 500, 0, 0, 100, 0), u);
    }

    @Test
    void aTornLastLineWaitsAndWhatIsAppendedLaterIsReadOnTopWithoutCountingTwice() throws IOException {
        Path worktree = dir.resolve("wt/w02");
        String text = sample("claude-code-transcript.jsonl");
        String last = text.lines().filter(l -> l.contains("\"type\":\"assistant\"")).reduce((a, b) -> b)
                .orElseThrow();
        Path file = claudeTranscript(worktree, text);
        UsageMeter meter = new UsageMeter(dir.resolve("claude"), dir.resolve("codex"));
        assertEquals(500, meter.usage("w02", "claude", worktree, Instant.now()).orElseThrow().input());

        String another = last.replaceAll("msg_scripted_\\d+", "msg_appended_1");
        Files.writeString(file, another.substring(0, 40), StandardOpenOption.APPEND);
        assertEquals(500, meter.usage("w02", "claude", worktree, Instant.now()).orElseThrow().input(), "torn: not yet");
        Files.writeString(file, another.substring(40) + "\n" + another + "\n", StandardOpenOption.APPEND);

        assertEquals(600, meter.usage("w02", "claude", worktree, Instant.now()).orElseThrow().input(),
                "the appended response once, though written twice");
    }

    @Test
    void codexsRolloutOfTheWorktreeGivesItsRunningTotalAndOthersAreLeftOut() throws IOException {
        String text = sample("codex-rollout.jsonl");
        String cwd = text.replaceAll("(?s).*?\"cwd\":\"([^\"]+)\".*", "$1");
        Path day = Files.createDirectories(dir.resolve("codex/sessions/2026/12/07"));
        Files.writeString(day.resolve("rollout-2026-12-07T17-12-36-a.jsonl"), text);
        Files.writeString(day.resolve("rollout-2026-12-07T17-12-37-b.jsonl"), text.replace(cwd, "/elsewhere/w09"));
        UsageMeter meter = new UsageMeter(dir.resolve("claude"), dir.resolve("codex"));

        TokenUsage u = meter.usage("w01", "codex", Path.of(cwd), Instant.now().minusSeconds(30)).orElseThrow();

        assertEquals(new TokenUsage("scripted-model", 300, 0, 0, 60, 0), u);
    }

    @Test
    void theShippedSnapshotPricesClaudeModelsAndTheProjectsPricesWin() throws IOException {
        TokenUsage u = new TokenUsage("claude-sonnet-4-5-20250929", 1_000_000, 1_000_000, 1_000_000, 1_000_000, 0);
        assertEquals(3.0 + 3.75 + 0.30 + 15.0, Prices.load(dir).usd(u).orElseThrow(), 1e-9);
        assertEquals("2026-12-07", Prices.snapshot().date());
        Files.createDirectories(dir.resolve(".agentorchestr"));
        Files.writeString(dir.resolve(".agentorchestr/config.toml"), "[prices.\"claude-sonnet-4-5-20250929\"]\n"
                + "input = 1\noutput = 2\n");
        assertEquals(1.0 + 1.0 + 1.0 + 2.0, Prices.load(dir).usd(u).orElseThrow(), 1e-9, "cache prices default to input");
    }

    @Test
    void hourLongCacheWritesAndWholeRequestsPastTwoHundredThousandTokensTakeTheirOwnPrices() throws IOException {
        Path worktree = dir.resolve("wt/w01");
        Path transcripts = Files.createDirectories(dir.resolve(".claude/projects").resolve(ClaudeTranscripts.slug(
                worktree)));
        // Two responses of claude-sonnet-4-5-20250929 as Claude Code records them: a small one with an hour-long
        // cache write, and one whose prompt (input + cache write + cache read) passed 200k tokens.
        Files.writeString(transcripts.resolve("t.jsonl"), record("m1", 10, 1000, 0, 50, 600)
                + record("m2", 1000, 0, 250_000, 100, 0));
        UsageMeter meter = UsageMeter.fromEnvironment(Map.of("HOME", dir.toString()));

        TokenUsage u = meter.usage("w01", "claude", worktree, Instant.now()).orElseThrow();
        assertEquals(List.of(1010L, 1000L, 250_000L, 150L, 600L, 1), List.of(u.input(), u.cacheWrite(), u.cacheRead(),
                u.output(), u.cacheWrite1h(), u.large().size()));
        // LiteLLM's prices for the model: 3 in, 15 out, 3.75 write (6 for an hour), 0.30 read; past 200k: 6, 22.5, 0.60.
        double small = 10 * 3.0 + 400 * 3.75 + 600 * 6.0 + 50 * 15.0;
        double large = 1000 * 6.0 + 250_000 * 0.60 + 100 * 22.5;
        assertEquals((small + large) / 1e6, Prices.load(dir).usd(u).orElseThrow(), 1e-12);

        Files.createDirectories(dir.resolve(".agentorchestr"));
        Files.writeString(dir.resolve(".agentorchestr/config.toml"), "[prices.\"claude-sonnet-4-5-20250929\"]\n"
                + "input = 1\noutput = 2\ncache_write_1h = 4\n[prices.\"claude-sonnet-4-5-20250929\".above_200k]\n"
                + "input = 10\noutput = 20\ncache_read = 5\n");
        assertEquals((10 + 400 + 600 * 4.0 + 50 * 2 + 1000 * 10 + 250_000 * 5.0 + 100 * 20) / 1e6,
                Prices.load(dir).usd(u).orElseThrow(), 1e-12, "the project's prices, tiers and all");
    }

    private static String record(String id, long in, long write, long read, long out, long write1h) {
        return "{\"type\":\"assistant\",\"requestId\":\"r-" + id + "\",\"message\":{\"id\":\"" + id
                + "\",\"model\":\"claude-sonnet-4-5-20250929\",\"usage\":{\"input_tokens\":" + in
                + ",\"cache_creation_input_tokens\":" + write + ",\"cache_read_input_tokens\":" + read
                + ",\"output_tokens\":" + out + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":" + (write - write1h)
                + ",\"ephemeral_1h_input_tokens\":" + write1h + "}}}}\n";
    }

    @Test
    void aModelWhoseNameHasDotsIsOneKeyInThePricesTable() throws IOException {
        Files.createDirectories(dir.resolve(".agentorchestr"));
        Files.writeString(dir.resolve(".agentorchestr/config.toml"), "[prices.\"gpt-5.1-codex\"]\ninput = 2\n"
                + "output = 8\n");
        TokenUsage u = new TokenUsage("gpt-5.1-codex", 1_000_000, 0, 0, 1_000_000, 0);
        assertEquals(2.0 + 8.0, Prices.load(dir).usd(u).orElseThrow(), 1e-9);
    }

    @Test
    void geminiClisChatCountsTheLastRecordOfEachResponseInTheProjectItNamedTheWorktree() throws IOException {
        Path worktree = dir.resolve("wt/w01");
        Path gemini = Files.createDirectories(dir.resolve("home/.gemini"));
        Files.writeString(gemini.resolve("projects.json"), "{\"projects\": {\"" + worktree + "\": \"w01\"}}");
        Path chats = Files.createDirectories(gemini.resolve("tmp/w01/chats"));
        Files.writeString(chats.resolve("session-1.jsonl"), sample("gemini-cli-chat.jsonl"));
        UsageMeter meter = UsageMeter.fromEnvironment(Map.of("HOME", dir.resolve("home").toString()));

        TokenUsage u = meter.usage("w01", "gemini", worktree, Instant.now()).orElseThrow();
        assertEquals(new TokenUsage("gemini-2.5-flash", 300, 0, 0, 60, 0), u);
        assertEquals(300 * 0.30 / 1e6 + 60 * 2.50 / 1e6, Prices.load(dir).usd(u).orElseThrow(), 1e-12,
                "priced from the snapshot's gemini/gemini-2.5-flash entry");
        assertEquals(Optional.empty(), meter.usage("w02", "gemini", dir.resolve("wt/w02"), Instant.now()),
                "a worktree Gemini CLI has not named yet: unknown");
    }

    @Test
    void openCodesSessionRowsOfTheWorktreeGiveItsTokensAndItsOwnCost() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/opencode"));
        try (InputStream in = UsageMeterTest.class.getResourceAsStream("opencode-sessions.db")) {
            Files.write(data.resolve("opencode.db"), in.readAllBytes());
        }
        String directory;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("opencode.db"));
             java.sql.ResultSet r = c.createStatement().executeQuery("SELECT directory FROM session")) {
            directory = r.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IOException(e);
        }
        UsageMeter meter = UsageMeter.fromEnvironment(Map.of("HOME", dir.toString(), "XDG_DATA_HOME",
                dir.resolve("data").toString()));

        TokenUsage u = meter.usage("w01", "opencode", Path.of(directory), Instant.now()).orElseThrow();
        assertEquals(new TokenUsage("scripted-model", 300, 0, 0, 60, 0).withCost(0.0), u);
        assertEquals(0.0, Prices.NONE.usd(u).orElseThrow(), "OpenCode's own cost, as it is");
    }

    @Test
    void anAgentWhoseRecordsAreNotKnownIsUnknownNotZero() {
        UsageMeter meter = new UsageMeter(dir.resolve("claude"), dir.resolve("codex"));
        assertEquals(Optional.empty(), meter.usage("w01", "demo", dir, Instant.now()));
        assertEquals(Map.of("known", false, "why", "agentorchestr cannot read this agent's usage records"),
                UsageView.of(Optional.empty(), Prices.NONE));
    }

    @Test
    void recordsThatCannotBeReadAreUnknownNotZeroAndNoCrash() throws IOException {
        Path worktree = dir.resolve("wt/w01");
        // Not readable as a file, even by root: a directory where Claude Code's transcript would be.
        Files.createDirectories(dir.resolve("claude/projects").resolve(ClaudeTranscripts.slug(worktree))
                .resolve("t.jsonl"));
        Files.createDirectories(dir.resolve("data/opencode"));
        Files.writeString(dir.resolve("data/opencode/opencode.db"), "not a database");
        UsageMeter meter = new UsageMeter(dir.resolve("claude"), dir.resolve("codex"), dir.resolve("gemini"),
                dir.resolve("data/opencode"));

        assertEquals(Optional.empty(), meter.usage("w01", "claude", worktree, Instant.now()));
        assertEquals(Optional.empty(), meter.usage("w02", "opencode", worktree, Instant.now()));
        assertEquals(false, UsageView.of(meter.usage("w01", "claude", worktree, Instant.now()), Prices.NONE)
                .get("known"));
    }

    @Test
    void aPricedModelGetsItsUsdAndAnUnpricedOneSaysPriceUnknown() throws IOException {
        Files.createDirectories(dir.resolve(".agentorchestr"));
        Files.writeString(dir.resolve(".agentorchestr/config.toml"), "[prices.\"claude-opus-5-5\"]\ninput = 5.0\n"
                + "output = 25.0\ncache_read = 0.5\n");
        Prices prices = Prices.load(dir);
        TokenUsage u = new TokenUsage("claude-opus-5-5", 500, 0, 1000, 100, 0);

        assertEquals(500 * 5.0 / 1e6 + 1000 * 0.5 / 1e6 + 100 * 25.0 / 1e6, prices.usd(u).orElseThrow(), 1e-12);
        Map<String, Object> unpriced = UsageView.of(Optional.of(new TokenUsage("scripted-model", 1, 0, 0, 1, 0)),
                prices);
        assertEquals("unknown", unpriced.get("price"));
        assertEquals(null, unpriced.get("usd"));
    }
}
