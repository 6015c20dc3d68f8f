package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.cli.Distribution;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.testing.TestRepo;
import io.agentorchestr.core.model.WorkerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every real agent CLI must do under agentorchestr, run for real (npm, pinned) against a
 * scripted model on loopback: a manual task here; the lead of demo workers and a worker of the demo
 * lead in {@link ResumableAgentContract}, whose runs go through a first launch, a crash and a resume.
 * The sandbox starts from what a user of that CLI already has (provider, model, key, onboarding
 * done); agentorchestr adds only the MCP server, trust and session ids, and never rewrites the user's
 * files. Nothing the agent started may outlive the session.
 */
@Timeout(300)
abstract class RealAgentContract {
    static final String MARK = "[agent-it]";
    static final String HELD = "[agent-resume-it]";
    static final String HELD_LEAD = "[lead-resume-it]";
    static final String ANSWERS = "[agent-inbox-it]";

    @TempDir
    Path dir;
    Distribution dist;
    TestRepo project;
    ScriptedModelServer api;
    private final Map<Path, String> usersFiles = new LinkedHashMap<>();
    final CountDownLatch heldReached = new CountDownLatch(1);
    final CountDownLatch heldGate = new CountDownLatch(1);
    ModelScript script;

    /** The agent's key in agents.toml. */
    abstract String agent();

    /** A process command-line fragment that only this agent's processes have. */
    abstract String processName();

    abstract ScriptedModelServer api(ModelScript script) throws IOException;

    /** Writes what a user of this CLI already has, pointed at {@code api}; returns the files written. */
    abstract List<Path> userSetup(Distribution dist, ScriptedModelServer api) throws IOException;

    /**
     * Whether agentorchestr has to write into this user file (Claude Code's folder trust has no
     * launch-time setting); the subclass then checks what it must keep, since the CLI itself also
     * rewrites such a file (Claude Code migrates some keys out of it).
     */
    boolean agentorchestrWrites(Path file) {
        return false;
    }

    /** The signal a manual worker (no MCP in manual mode) ends with. */
    String manualSignal() {
        return "done_flag";
    }

    @BeforeEach
    void setUpAgent() throws IOException {
        dist = new Distribution(dir).withTimeout(Duration.ofMinutes(4));
        project = TestRepo.create(dir.resolve("project"));
        script = new ModelScript(List.of(ModelScript.leadAfterCompaction(), ModelScript.compactingLead(),
                ModelScript.committingWorker(MARK),
                ModelScript.heldWorker(HELD, heldReached, heldGate),
                ModelScript.heldLead(HELD_LEAD, "Add the greeting", heldReached, heldGate),
                ModelScript.answeringWorker(ANSWERS)));
        api = api(script);
        dist.withPath(RealAgents.npmBin(processName()) + ":" + System.getenv("PATH"));
        for (Path f : userSetup(dist, api)) {
            usersFiles.put(f, Files.readString(f));
        }
    }

    @AfterEach
    void tearDownAgent() {
        heldGate.countDown();
        dist.close();
        api.close();
    }

    @Test
    void doesAManualTaskWithItsShellToolAndSignalsThroughTheDoneFlag() throws IOException {
        ExecResult r = dist.run("--manual", "--task", "Add a file " + MARK, "--agents", agent(),
                "--project", project.dir().toString(), "--no-attach", "--json", "--timeout", "3m");
        String diagnostics = diagnostics(r);
        assertEquals(0, r.exitCode(), diagnostics);
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        assertEquals("done", out.get("state").asText(), diagnostics);
        String branch = out.get("branch").asText();
        assertTrue(project.git("log", "--format=%s", branch).contains("w01: add w01.txt"), diagnostics);
        assertEquals("written by w01", project.git("show", branch + ":w01.txt").strip());
        WorkerRecord w = RealAgents.worker(dist, out.get("session").asText(), "w01");
        assertEquals(manualSignal(), w.signal(), diagnostics);
        assertTokensAreWhatTheServerSent(out.get("session").asText(), script.seen.stream()
                .filter(c -> c.userText().contains(MARK)).count(), diagnostics);
        assertNothingLeft();
    }

    /**
     * The worker's tokens, read from the CLI's own records, are what the scripted server sent (100 in,
     * 20 out per response), and its USD is those tokens at the project's prices for the model the CLI
     * recorded (or the CLI's own figure, for one that keeps it).
     */
    void assertTokensAreWhatTheServerSent(String session, long responses, String diagnostics) throws IOException {
        JsonNode part = cost(session).at("/sessions/0/parts/0");
        assertTrue(part.get("known").asBoolean(), part + diagnostics);
        long recorded = part.get("output_tokens").asLong() / 20;
        if (recordsAStepOnlyOnceItEnds() && recorded == responses - 1) {
            responses = recorded;
        }
        assertEquals(100 * responses, part.get("input_tokens").asLong() + part.get("cache_write_tokens").asLong()
                + part.get("cache_read_tokens").asLong(), part + " for " + responses + " responses");
        assertEquals(20 * responses, part.get("output_tokens").asLong(), part + " for " + responses + " responses");

        Files.createDirectories(project.dir().resolve(".agentorchestr"));
        Files.writeString(project.dir().resolve(".agentorchestr/config.toml"), "[prices.\"" + part.get("model")
                .asText() + "\"]\ninput = 3\noutput = 15\n");
        JsonNode priced = cost(session).at("/sessions/0/parts/0");
        assertEquals(keepsItsOwnCost() ? 0.0 : (100 * 3 + 20 * 15) * responses / 1e6, priced.get("usd").asDouble(),
                1e-12, priced.toString());
    }

    private JsonNode cost(String session) throws IOException {
        ExecResult r = dist.run("--cost", session, "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        return new ObjectMapper().readTree(r.stdout());
    }

    /**
     * Whether the CLI writes a step's usage only after the step has ended (OpenCode): its last response,
     * the words after the done flag, may then be cut off unrecorded when the worker's end stops it.
     */
    boolean recordsAStepOnlyOnceItEnds() {
        return false;
    }

    /** Whether the CLI records its own cost (OpenCode: 0 for a model it has no price for), used as it is. */
    boolean keepsItsOwnCost() {
        return false;
    }

    /**
     * The user's files keep every line they had (the CLI itself may add its own state below), and
     * agentorchestr wrote nothing into them; no process of the agent outlives the session.
     */
    void assertNothingLeft() throws IOException {
        for (Map.Entry<Path, String> f : usersFiles.entrySet()) {
            if (agentorchestrWrites(f.getKey())) {
                continue;
            }
            String now = Files.readString(f.getKey());
            assertTrue(kept(f.getKey(), f.getValue(), now), "the user's " + f.getKey() + " lost what it had:\n" + now);
            assertTrue(!now.contains("agentorchestr") && !now.contains(dir.toString()),
                    "agentorchestr wrote into the user's " + f.getKey() + ":\n" + now);
        }
        assertEquals(List.of(), RealAgents.leftoversAfterExit(dist, processName()),
                "nothing of " + agent() + " left running");
    }

    /**
     * JSON: every key the user had is still there, with the same text where it was text (the CLI may
     * count its own startups); otherwise every line the user had is.
     */
    private static boolean kept(Path file, String before, String now) throws IOException {
        if (file.toString().endsWith(".json")) {
            return contains(new ObjectMapper().readTree(now), new ObjectMapper().readTree(before));
        }
        return before.lines().filter(l -> !l.isBlank()).allMatch(l -> now.lines().anyMatch(l::equals));
    }

    private static boolean contains(JsonNode now, JsonNode before) {
        if (before.isObject()) {
            for (var it = before.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!now.has(e.getKey()) || !contains(now.get(e.getKey()), e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return !before.isTextual() || before.equals(now);
    }

    String diagnostics(ExecResult r) {
        return "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr() + "\nmodel API:\n" + api.log()
                + "\npanes:\n" + RealAgents.paneLogs(dir);
    }
}
