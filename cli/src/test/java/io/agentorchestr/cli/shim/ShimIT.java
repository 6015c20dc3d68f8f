package io.agentorchestr.cli.shim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * agentorchestr-shim from the distribution. A pane of a private tmux server plays the user's
 * terminal (send-keys types, capture-pane reads); headless runs have no terminal at all.
 */
@Timeout(180)
class ShimIT {
    private static final Path DIST = Path.of(System.getProperty("agentorchestr.dist", "target/agentorchestr"))
            .toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final SystemProcessRunner runner = new SystemProcessRunner();
    private String terminal;
    private Path cards;

    @BeforeEach
    void setUp() throws IOException {
        terminal = dir.resolve("terminal.sock").toString();
        Files.createDirectories(dir.resolve("run"));
        Files.setPosixFilePermissions(dir.resolve("run"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwx------"));
        cards = dir.resolve("run/agentorchestr-agents");
    }

    @AfterEach
    void tearDown() {
        runner.run(ProcessSpec.of("tmux", "-S", terminal, "kill-server"));
        // A shim outlives its terminal by design (its agent stays reachable): stop each one that still has
        // a card, which takes its private tmux server and agent down with it, before the temp dir goes.
        for (Path card : files()) {
            if (card.getFileName().toString().endsWith(".json")) {
                try {
                    ProcessHandle.of(JSON.readTree(card.toFile()).get("shim_pid").asLong()).ifPresent(shim -> {
                        shim.destroy();
                        shim.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                    });
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }

    private Map<String, String> env() {
        return Map.of("XDG_RUNTIME_DIR", dir.resolve("run").toString(), "XDG_STATE_HOME", dir.resolve("state").toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString(), "HOME", dir.toString(),
                "JAVA_HOME", System.getProperty("java.home"));
    }

    private String shellEnv() {
        StringBuilder s = new StringBuilder("env -u TMUX -u TMUX_PANE");
        env().forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        return s.toString();
    }

    private String tmux(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-S", terminal, "-f", "/dev/null"));
        argv.addAll(List.of(args));
        return runner.runChecked(ProcessSpec.of(argv)).stdout();
    }

    /** Starts the shim in the user's terminal (120x40); its exit status is printed after it. */
    private void startInTerminal(String shimArgs) {
        tmux("new-session", "-d", "-s", "user", "-x", "120", "-y", "40", shellEnv() + " " + DIST.resolve("bin")
                + "/agentorchestr-shim " + shimArgs + "; echo shim-exit:$?; sleep 600");
    }

    private String screen() {
        return tmux("capture-pane", "-p", "-t", "user");
    }

    private void awaitScreen(String text) {
        try {
            Poll.until("the terminal to show '" + text + "'", WAIT, () -> screen().contains(text));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it shows:\n" + screen(), e);
        }
    }

    private void type(String text) {
        tmux("send-keys", "-t", "user", "-l", text);
        tmux("send-keys", "-t", "user", "Enter");
    }

    private List<Path> files() {
        if (!Files.isDirectory(cards)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cards)) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode card() {
        Path file = Poll.value("the agent's card", WAIT, () -> files().stream()
                .filter(p -> p.getFileName().toString().endsWith(".json")).findFirst().orElse(null));
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String demo() {
        return DIST.resolve("bin/agentorchestr-demo") + " --role chat";
    }

    @Test
    void typingReachesTheAgentAndItsExitStatusIsTheShimsAndNothingIsLeftBehind() throws IOException {
        startInTerminal("--name chat1 " + demo());
        awaitScreen("demo>");
        type("hello through the shim");
        awaitScreen("demo: received: hello through the shim");

        JsonNode card = card();
        assertEquals("chat1", card.get("name").asText());
        assertEquals("demo", card.get("agent_key").asText());
        assertTrue(Files.exists(Path.of(card.get("socket").asText())));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cards.resolve("chat1-" + card.get("shim_pid").asText() + ".json"))));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cards)));
        assertFalse(screen().contains("agentorchestr"), "tmux shows nothing of its own: " + screen());

        type("exit 7");
        awaitScreen("shim-exit:7");
        assertEquals(List.of(), files(), "card, socket and tmux files are removed");
        String after = screen();
        assertTrue(after.contains("demo: chat; type a line") && after.contains("demo: received: hello through the shim")
                && after.contains("exit 7"),
                "the agent's last screen stays in the terminal, as without the shim:\n" + after);
        assertFalse(after.contains("exited]"), "no word of tmux's own:\n" + after);
    }

    @Test
    void resizingTheTerminalReachesTheAgent() {
        startInTerminal("--name sizes sh -c 'trap \"stty size\" WINCH; echo ready; while :; do sleep 0.1; done'");
        awaitScreen("ready");
        tmux("resize-window", "-t", "user", "-x", "100", "-y", "30");
        awaitScreen("30 100");
    }

    @Test
    void ctrlCReachesTheAgentNotTheShim() {
        startInTerminal("--name intr sh -c 'trap \"echo got-INT\" INT; echo ready; while :; do sleep 0.1; done'");
        awaitScreen("ready");
        tmux("send-keys", "-t", "user", "C-c");
        awaitScreen("got-INT");
        assertFalse(screen().contains("shim-exit"), screen());
    }

    @Test
    void closingTheTerminalLeavesTheAgentRunningAndReachable() throws IOException {
        startInTerminal("--name stays " + demo());
        awaitScreen("demo>");
        JsonNode card = card();
        tmux("kill-server");  // the terminal window closes
        try (Client c = new Client(Path.of(card.get("socket").asText()))) {
            assertTrue(c.call("info", "{}").get("alive").asBoolean());
            c.call("send", "{\"text\":\"still here\"}");
            Poll.until("the agent to answer", WAIT, () -> c.callUnchecked("read", "{}").get("text").asText()
                    .contains("received: still here"));
        }
    }

    @Test
    void anUnknownCommandIsNamedWith127() {
        startInTerminal("no-such-agent-xyz");
        awaitScreen("shim-exit:127");
        assertTrue(screen().contains("no-such-agent-xyz: command not found"), screen());
    }

    @Test
    void aBadMdnsChoiceIsRefusedBeforeTheAgentStarts() {
        startInTerminal("--mdns-interface no-such-if0 " + DIST.resolve("bin/agentorchestr-demo") + " --role chat");
        awaitScreen("shim-exit:125");
        assertTrue(screen().contains("--mdns-interface no-such-if0: there is no such interface"), screen());
        assertTrue(files().isEmpty(), "no card: nothing started");
    }

    @Test
    void headlessTheAgentIsDrivenThroughItsSocket() throws Exception {
        List<String> argv = List.of(DIST.resolve("bin/agentorchestr-shim").toString(), "--name", "bg",
                DIST.resolve("bin/agentorchestr-demo").toString(), "--role", "chat");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null"))).redirectErrorStream(true).redirectOutput(dir.resolve("shim.out").toFile());
        pb.environment().putAll(env());
        pb.environment().remove("TMUX");
        Process shim = pb.start();
        JsonNode card = card();
        Poll.until("the headless note", WAIT, () -> read(dir.resolve("shim.out")).contains("runs headless"));
        try (Client c = new Client(Path.of(card.get("socket").asText()))) {
            JsonNode info = c.call("info", "{}");
            assertEquals("bg", info.get("name").asText());
            assertTrue(info.get("alive").asBoolean());
            JsonNode idle = c.call("wait_idle", "{\"timeout_s\":60}");
            assertTrue(idle.get("idle").asBoolean(), idle.toString());
            assertEquals("idle", idle.get("state").asText(), "the demo's prompt marker, not just quiet output");
            assertEquals("demo", info.get("agent_key").asText());
            assertTrue(c.call("screen", "{}").get("text").asText().contains("demo> "));

            c.call("send", "{\"text\":\"first line\\nsecond line\"}");
            JsonNode read = Poll.value("the agent's answer", WAIT, () -> {
                JsonNode r = c.callUnchecked("read", "{\"cursor\":0}");
                return r.get("text").asText().contains("demo: received") ? r : null;
            });
            assertFalse(read.get("text").asText().contains("\u001b"), "ANSI stripped: " + read);
            long cursor = read.get("cursor").asLong();
            c.call("send", "{\"text\":\"later\"}");
            JsonNode next = Poll.value("output after the cursor", WAIT, () -> {
                JsonNode r = c.callUnchecked("read", "{\"cursor\":" + cursor + "}");
                return r.get("text").asText().contains("received: later") ? r : null;
            });
            assertFalse(next.get("text").asText().contains("first line"), "only what came after the cursor");

            JsonNode bad = c.raw("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"send\",\"params\":{\"text\":\"\"}}");
            assertEquals(-32602, bad.get("error").get("code").asInt());
            assertEquals(-32601, c.raw("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"fly\"}").get("error").get("code")
                    .asInt());
            // Numbers past a long are refused, not wrapped (2^64 + 5 read as 5); control characters are no text.
            for (String params : new String[] {"\"read\",\"params\":{\"cursor\":18446744073709551621}",
                "\"read\",\"params\":{\"max_bytes\":18446744073709551621}",
                "\"wait_idle\",\"params\":{\"timeout_s\":18446744073709551617}",
                "\"send\",\"params\":{\"text\":\"\\u0003\\u001b\\u0007\"}"}) {
                JsonNode r = c.raw("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":" + params + "}");
                assertEquals(-32602, r.path("error").path("code").asInt(), params + " -> " + r);
            }

            assertTrue(c.call("kill", "{}").get("killed").asBoolean());
        }
        assertTrue(shim.waitFor(60, TimeUnit.SECONDS));
        assertEquals(129, shim.exitValue(), read(dir.resolve("shim.out")));
        Poll.until("the card and socket removed", WAIT, () -> files().isEmpty());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** A JSON-RPC client on the shim's socket. */
    private static final class Client implements AutoCloseable {
        private final SocketChannel channel;
        private final BufferedReader in;
        private int id;

        Client(Path socket) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        }

        JsonNode raw(String line) throws IOException {
            Channels.newOutputStream(channel).write((line + "\n").getBytes(StandardCharsets.UTF_8));
            return JSON.readTree(in.readLine());
        }

        JsonNode call(String method, String params) throws IOException {
            JsonNode r = raw("{\"jsonrpc\":\"2.0\",\"id\":" + (++id) + ",\"method\":\"" + method + "\",\"params\":"
                    + params + "}");
            if (r.has("error")) {
                throw new AssertionError(method + ": " + r);
            }
            return r.get("result");
        }

        JsonNode callUnchecked(String method, String params) {
            try {
                return call(method, params);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
