package io.agentorchestr.core.discovery;

import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.agent.AgentRegistry;
import io.agentorchestr.core.process.ProcessTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentMatcherTest {
    @TempDir
    Path dir;

    /** The machine's processes as the test says they are: argv by pid, children by pid. */
    private static final class Processes implements ProcessTable {
        final Map<Long, List<String>> argv = new HashMap<>();
        final Map<Long, List<Long>> children = new HashMap<>();

        @Override
        public List<Long> withEnvironment(String key, String value) {
            return List.of();
        }

        @Override
        public boolean alive(long pid) {
            return argv.containsKey(pid);
        }

        @Override
        public void terminate(long pid) {
        }

        @Override
        public void kill(long pid) {
        }

        @Override
        public List<Long> descendants(long pid) {
            return children.getOrDefault(pid, List.of());
        }

        @Override
        public List<String> commandLine(long pid) {
            return argv.getOrDefault(pid, List.of());
        }
    }

    private final Processes processes = new Processes();

    private AgentMatcher matcher(String path) {
        List<AgentProfile> profiles = List.copyOf(AgentRegistry.load(dir.resolve("none.toml")).all());
        return new AgentMatcher(profiles, processes, path);
    }

    private Optional<String> keyOf(long pid, String path) {
        return matcher(path).match(pid).map(m -> m.profile().key());
    }

    @Test
    void anAgentNamedInArgvZeroIsFoundUnderThePanesShell() {
        processes.argv.put(10L, List.of("-bash"));
        processes.argv.put(11L, List.of("claude", "--continue"));
        processes.children.put(10L, List.of(11L));
        AgentMatcher.Match m = matcher("").match(10).orElseThrow();
        assertEquals("claude", m.profile().key());
        assertEquals(11L, m.pid());
        assertEquals(List.of("claude", "--continue"), m.argv());
    }

    @Test
    void aFullPathInArgvZeroCountsByItsFileName() {
        processes.argv.put(20L, List.of("/opt/tools/bin/codex", "resume"));
        assertEquals(Optional.of("codex"), keyOf(20, ""));
    }

    @Test
    void aScriptRunByAnInterpreterIsMatchedThroughTheBinaryOnPath() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib/node_modules/@google/gemini-cli/dist"));
        Path script = Files.writeString(lib.resolve("index.js"), "// gemini\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("gemini"), script);
        script.toFile().setExecutable(true);
        processes.argv.put(30L, List.of("node", "--no-warnings", script.toString(), "-i"));
        processes.argv.put(31L, List.of("python3.11", script.toString()));
        assertEquals(Optional.of("gemini"), keyOf(30, bin.toString()));
        assertEquals(Optional.of("gemini"), keyOf(31, bin.toString()));
    }

    @Test
    void shellsEditorsAndUnknownScriptsAreNotAgents() throws IOException {
        Path other = Files.writeString(dir.resolve("build.js"), "");
        processes.argv.put(40L, List.of("bash"));
        processes.argv.put(41L, List.of("vim", "claude.md"));
        processes.argv.put(42L, List.of("node", other.toString()));
        processes.argv.put(43L, List.of("bash", "-c", "claude"));
        processes.children.put(40L, List.of(41L, 42L, 43L));
        assertTrue(keyOf(40, "").isEmpty());
    }
}
