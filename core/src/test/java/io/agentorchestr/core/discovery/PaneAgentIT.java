package io.agentorchestr.core.discovery;

import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.agent.AgentRegistry;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.LocalProcessTable;
import io.agentorchestr.core.testing.Poll;
import io.agentorchestr.core.testing.PrivateTmux;
import io.agentorchestr.core.tmux.NewPane;
import io.agentorchestr.core.tmux.Tmux;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Agents in plain tmux panes (no shim), found by the scan and driven by paste and capture, on a real tmux. */
class PaneAgentIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private PrivateTmux server;
    private Tmux tmux;
    private Path agent;
    private ExternalAgents external;

    @BeforeEach
    void start() throws IOException {
        server = new PrivateTmux(dir);
        tmux = server.tmux();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        agent = Files.writeString(bin.resolve("fakeagent"), """
                #!/bin/bash
                echo "fake agent ready"
                while true; do
                  printf 'fake> '
                  IFS= read -r line || exit 0
                  [ "$line" = quit ] && exit 3
                  echo "got: $line"
                done
                """);
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwx------"));
        Path agents = Files.writeString(dir.resolve("agents.toml"), """
                [agents.fake]
                binaries = ["fakeagent"]
                markers.idle = ["fake> "]
                """);
        List<AgentProfile> profiles = List.copyOf(AgentRegistry.load(agents).all());
        AgentMatcher matcher = new AgentMatcher(profiles, new LocalProcessTable(), bin.toString());
        AgentDiscovery discovery = new AgentDiscovery(new AgentCards(dir.resolve("cards")), () -> MdnsBrowser.NONE,
                new TmuxPaneScan(List.of(tmux.server()), s -> tmux, matcher));
        external = new ExternalAgents(discovery, s -> tmux,
                key -> profiles.stream().filter(p -> p.key().equals(key)).findFirst().map(AgentProfile::markers));
    }

    @AfterEach
    void stop() {
        external.close();
        server.close();
    }

    private NewPane runs(String... argv) {
        return new NewPane(List.of(argv), dir, Map.of());
    }

    private ExternalAgent onlyAgent() {
        return Poll.value("the agent found in its pane", WAIT, () -> {
            List<ExternalAgent> found = external.list();
            return found.size() == 1 ? found.get(0) : null;
        });
    }

    @Test
    void anAgentInAPaneIsFoundAndShellsAndOwnSessionsAreNot() {
        tmux.newSession("mine", "shell", runs("sh"));
        tmux.newSession("work", "agent", runs(agent.toString()));
        tmux.newSession("agentorchestr-1234abcd", "lead", runs(agent.toString()));
        ExternalAgent a = onlyAgent();
        assertEquals("fake", a.agentKey());
        assertEquals(List.of(ExternalAgent.TMUX), a.sources());
        assertTrue(a.id().matches("tmux-tmux\\.sock-[0-9]+"), a.id());
        AgentEndpoint.Pane pane = (AgentEndpoint.Pane) a.endpoint();
        assertEquals("work", pane.session());
        assertEquals(dir.toString(), a.cwd());
        assertTrue(a.command().contains(agent.toString()), a.command().toString());
    }

    @Test
    void aPaneAgentIsTypedIntoAndReadIncrementally() {
        tmux.newSession("work", "agent", runs(agent.toString()));
        String id = onlyAgent().id();
        assertTrue(external.waitIdle(id, WAIT).idle());

        external.send(id, "hello there", true);
        var idle = external.waitIdle(id, WAIT);
        assertTrue(idle.idle(), idle.toString());
        var first = Poll.value("the answer in the pane", WAIT, () -> {
            var c = external.read(id, 0, 65536);
            return c.text().contains("got: hello there") ? c : null;
        });
        assertTrue(first.text().startsWith("fake agent ready"), first.text());

        external.send(id, "second", true);
        var second = Poll.value("only the new lines", WAIT, () -> {
            var c = external.read(id, first.cursor(), 65536);
            return c.text().contains("got: second") ? c : null;
        });
        assertFalse(second.text().contains("hello there"), second.text());
        assertTrue(second.cursor() > first.cursor());

        var lost = external.read(id, 10_000, 65536);
        assertNotNull(lost.note());
        assertTrue(lost.text().contains("got: second"), lost.text());
    }

    @Test
    void anExitedPaneAgentEndsTheWaitAndIsGoneAfterwards() {
        tmux.newSession("keep", "shell", runs("sh"));
        tmux.newSession("work", "agent", runs(agent.toString()));
        String id = onlyAgent().id();
        external.send(id, "quit", true);
        var end = external.waitIdle(id, WAIT);
        assertFalse(end.idle());
        assertEquals("exited", end.state());
        Poll.until("the exited agent to drop out of discovery", WAIT, () -> external.list().isEmpty());
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> external.send(id, "hi", true));
        assertTrue(e.getMessage().contains("no running external agent has the id"), e.getMessage());
    }
}
