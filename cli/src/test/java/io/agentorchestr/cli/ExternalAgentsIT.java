package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A demo lead drives agents outside its session through the four external-agent tools: a shimmed
 * demo agent (by its card and socket) and a demo agent in a plain pane of the user's tmux (by paste
 * and capture). --list-agents lists the same agents.
 */
@Timeout(240)
class ExternalAgentsIT extends SandboxedRun {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final List<Process> shims = new ArrayList<>();
    private Path cards;

    @BeforeEach
    void environment() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        cards = run.resolve("agentorchestr-agents");
        // The user's tmux server is the sandbox's: the goal's own session runs there too, and is not an agent.
        dist.withEnv("XDG_RUNTIME_DIR", run.toString())
                .withEnv("AGENTORCHESTR_DISCOVER_TMUX", dist.socket().toString());
    }

    @AfterEach
    void stopShims() {
        for (Process shim : shims) {
            shim.destroy();
            shim.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    private Path demo() {
        return Distribution.HOME.resolve("bin/agentorchestr-demo").toAbsolutePath();
    }

    /** A shimmed demo agent without a terminal; returns its card once written. */
    private Path shim(String name) throws IOException {
        shims.add(dist.startWith(Distribution.HOME.resolve("bin/agentorchestr-shim").toAbsolutePath(),
                dir.resolve(name + ".log"), "--headless", "--name", name, demo().toString(), "--role", "chat"));
        return Poll.value("the card of " + name, WAIT, () -> cardFiles().stream()
                .filter(p -> p.getFileName().toString().startsWith(name + "-")).findFirst().orElse(null));
    }

    private List<Path> cardFiles() {
        if (!Files.isDirectory(cards)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cards)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A demo agent started by hand in a pane of the user's tmux: no shim, no card. */
    private void paneAgent() {
        ExecResult r = dist.tmux("-f", "/dev/null", "new-session", "-d", "-s", "user", "-x", "120", "-y", "40",
                "env JAVA_HOME=" + System.getProperty("java.home") + " " + demo() + " --role chat");
        assertEquals(0, r.exitCode(), r.stderr());
    }

    private JsonNode listAgents() throws IOException {
        ExecResult r = dist.run("--list-agents", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        return json.readTree(r.stdout());
    }

    private static JsonNode byVia(JsonNode agents, String via) {
        for (JsonNode a : agents) {
            if (a.get("via").asText().equals(via)) {
                return a;
            }
        }
        throw new AssertionError("no agent via " + via + " in " + agents);
    }

    @Test
    void aShimmedAgentAndAPaneAgentAreListedOnceEach() throws IOException {
        Path card = shim("helper");
        paneAgent();
        JsonNode agents = Poll.value("both agents listed", WAIT, () -> {
            try {
                JsonNode a = listAgents();
                return a.size() == 2 ? a : null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        JsonNode shimmed = byVia(agents, "shim");
        assertEquals(card.getFileName().toString().replace(".json", ""), shimmed.get("id").asText());
        assertEquals("helper", shimmed.get("name").asText());
        assertEquals("demo", shimmed.get("agent").asText());
        assertTrue(shimmed.get("found_by").toString().contains("card"), shimmed.toString());
        JsonNode pane = byVia(agents, "tmux");
        assertTrue(pane.get("id").asText().matches("tmux-tmux\\.sock-[0-9]+"), pane.toString());
        assertEquals("demo", pane.get("agent").asText());
        assertEquals("agentorchestr-demo", pane.get("command").get(0).asText());

        ExecResult table = dist.run("--list-agents");
        assertEquals(0, table.exitCode(), table.stderr());
        assertTrue(table.stdout().startsWith("ID"), table.stdout());
        assertTrue(table.stdout().contains(shimmed.get("id").asText()), table.stdout());
    }

    @Test
    void aDemoLeadDrivesBothThroughTheFourTools() throws IOException {
        shim("helper");
        paneAgent();
        Poll.until("both agents discoverable", WAIT, () -> {
            try {
                return listAgents().size() == 2;
            } catch (IOException e) {
                return false;
            }
        });
        JsonNode out = goal("[demo:external] hello from the lead", 0);
        assertEquals("done", out.get("state").asText(), out.toString());
        assertTrue(out.get("summary").asText().contains("2 external agent answer(s)"), out.toString());
        String session = out.get("session").asText();
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            List<String> calls = store.events(session).stream().filter(e -> e.kind().equals("tool_called"))
                    .map(EventRecord::data).toList();
            for (String tool : List.of("discover_running_agents", "send_to_external_agent",
                    "read_from_external_agent", "wait_for_external_agent")) {
                List<String> these = calls.stream().filter(d -> d.contains("\"tool\":\"" + tool + "\"")).toList();
                assertFalse(these.isEmpty(), tool + " in " + calls);
                assertTrue(these.stream().noneMatch(d -> d.contains("\"error\":true")), these.toString());
            }
            List<String> answers = calls.stream().filter(d -> d.contains("read_from_external_agent")
                    && d.contains("demo: received: hello from the lead")).toList();
            assertTrue(answers.stream().anyMatch(d -> d.contains("helper-")), calls.toString());
            assertTrue(answers.stream().anyMatch(d -> d.contains("tmux-tmux.sock-")), calls.toString());
        }
    }

    @Test
    void aKilledShimsCardIsPrunedAndItIsNoLongerListed() throws Exception {
        Path card = shim("doomed");
        long pid = json.readTree(card.toFile()).get("shim_pid").asLong();
        ProcessHandle shim = ProcessHandle.of(pid).orElseThrow();
        Path socket = Path.of(json.readTree(card.toFile()).get("socket").asText());
        String privateTmux = json.readTree(card.toFile()).get("tmux_socket").asText();
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        shim.onExit().get(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(card), "kill -9 leaves the card behind");

        JsonNode agents = listAgents();
        for (JsonNode a : agents) {
            assertFalse(a.get("id").asText().startsWith("doomed-"), agents.toString());
        }
        assertFalse(Files.exists(card), "discovery prunes the card of a shim that is gone");
        assertFalse(Files.exists(socket), "and its socket");
        // Without its shim, the agent still runs in the shim's private tmux server: stop it with the test.
        new ProcessBuilder("tmux", "-S", privateTmux, "kill-server").start().waitFor();
    }
}
