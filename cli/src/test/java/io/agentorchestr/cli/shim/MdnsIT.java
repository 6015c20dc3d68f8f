package io.agentorchestr.cli.shim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shim's mDNS announcement in a network namespace of its own ({@code unshare -n}: loopback only,
 * nothing leaks to the machine's network): a browser sees the service with its TXT record, discovery
 * merges it with the card into one agent, and the goodbye removes it when the shim ends. Needs root
 * (CI runs as root), and iproute2 to bring loopback up.
 */
@Timeout(180)
class MdnsIT {
    private static final Path DIST = Path.of(System.getProperty("agentorchestr.dist", "target/agentorchestr"))
            .toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A plain JmDNS browser, apart from the product's, that logs what it sees. */
    private static final String PROBE = """
            import javax.jmdns.*;
            import java.io.*;
            import java.net.InetAddress;
            import java.nio.file.*;
            import java.util.Arrays;
            public class Probe {
                public static void main(String[] a) throws Exception {
                    PrintWriter log = new PrintWriter(new FileWriter(a[0], true), true);
                    long start = System.nanoTime();
                    JmDNS j = JmDNS.create(InetAddress.getByName("127.0.0.1"), "probe");
                    Object removed = new Object();
                    j.addServiceListener("_agentorch._tcp.local.", new ServiceListener() {
                        public void serviceAdded(ServiceEvent e) { log.println("added " + e.getName()); }
                        public void serviceResolved(ServiceEvent e) {
                            ServiceInfo i = e.getInfo();
                            if (i.getPropertyString("card") != null) {
                                log.println("resolved " + e.getName() + " pid=" + i.getPropertyString("pid")
                                        + " name=" + i.getPropertyString("name") + " card=" + i.getPropertyString("card")
                                        + " addresses=" + Arrays.toString(i.getInet4Addresses()));
                            }
                        }
                        public void serviceRemoved(ServiceEvent e) {
                            log.println("removed " + e.getName() + " after " + (System.nanoTime() - start) / 1000000 + " ms");
                            synchronized (removed) { removed.notifyAll(); }
                        }
                    });
                    Files.writeString(Path.of(a[0] + ".ready"), "");
                    synchronized (removed) { removed.wait(Long.parseLong(a[1]) * 1000); }
                    System.exit(0);
                }
            }
            """;

    @TempDir
    Path dir;
    private final SystemProcessRunner runner = new SystemProcessRunner();

    @BeforeEach
    void needsANetworkNamespace() {
        ExecResult r = runner.run(ProcessSpec.of("unshare", "-n", "ip", "link", "set", "lo", "up"));
        assertEquals(0, r.exitCode(), "this test runs the shim in a network namespace of its own: it needs "
                + "`unshare -n` (root, as in CI) and `ip` (iproute2): " + r.stderr());
    }

    @Test
    void theAnnouncementIsBrowsedMergedWithTheCardAndSaysGoodbye() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("Probe.java"), PROBE);
        Path script = Files.writeString(dir.resolve("inside.sh"), """
                set -u
                ip link set lo up
                "$JAVA_HOME/bin/java" -cp "$LIB/*" "$DIR/Probe.java" "$DIR/probe.log" 60 &
                probe=$!
                for i in $(seq 1 600); do [ -e "$DIR/probe.log.ready" ] && break; sleep 0.1; done
                "$BIN/agentorchestr-shim" --headless --name mdnsagent "$BIN/agentorchestr-demo" --role chat \\
                    > "$DIR/shim.log" 2>&1 &
                shim=$!
                for i in $(seq 1 600); do grep -q "^resolved" "$DIR/probe.log" 2>/dev/null && break; sleep 0.1; done
                "$BIN/agentorchestr" --list-agents --json > "$DIR/list.json" 2> "$DIR/list.err"
                kill -TERM $shim
                wait $shim
                echo "shim exit $?" >> "$DIR/shim.log"
                wait $probe
                """);
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", run.toString(), "XDG_STATE_HOME",
                dir.resolve("state").toString(), "XDG_DATA_HOME", dir.resolve("data").toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString(), "HOME", dir.toString(),
                "JAVA_HOME", System.getProperty("java.home"), "AGENTORCHESTR_DISCOVER_TMUX", "",
                "DIR", dir.toString(), "BIN", DIST.resolve("bin").toString(), "LIB", DIST.resolve("lib").toString());
        ExecResult r = runner.run(ProcessSpec.of(List.of("unshare", "-n", "bash", script.toString())).withEnv(env)
                .withTimeout(Duration.ofSeconds(150)));
        String probe = read("probe.log");
        String shimLog = read("shim.log");
        String report = "\nprobe:\n" + probe + "\nshim:\n" + shimLog + "\nlist-agents stderr:\n" + read("list.err")
                + "\nscript stderr:\n" + r.stderr();
        assertEquals(0, r.exitCode(), report);

        JsonNode agents = JSON.readTree(dir.resolve("list.json").toFile());
        assertEquals(1, agents.size(), agents + report);
        JsonNode agent = agents.get(0);
        assertEquals(List.of("card", "mdns"), List.of(agent.get("found_by").get(0).asText(),
                agent.get("found_by").get(1).asText()), agent + report);
        String id = agent.get("id").asText();
        assertTrue(id.startsWith("mdnsagent-"), id);
        String pid = id.substring("mdnsagent-".length());
        Path card = run.resolve("agentorchestr-agents").resolve(id + ".json");

        assertTrue(probe.contains("resolved " + id + " pid=" + pid + " name=mdnsagent card=" + card
                + " addresses=[/127.0.0.1]"), report);
        assertTrue(probe.contains("removed " + id), "the goodbye reaches browsers" + report);
        assertTrue(shimLog.contains("shim exit 143") || shimLog.contains("shim exit 0"), report);
        assertTrue(Files.notExists(card), "the card goes with the shim");
    }

    private String read(String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readString(p) : "(none)";
    }
}
