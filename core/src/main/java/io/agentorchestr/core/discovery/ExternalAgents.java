package io.agentorchestr.core.discovery;

import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.tmux.TmuxServer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The use case behind the lead's external-agent tools and {@code --list-agents}: find agents, and
 * drive one by its id whichever way it is reachable. What comes back from an agent is untrusted text:
 * escapes and control characters are removed before anyone reads it.
 */
public final class ExternalAgents implements AutoCloseable {
    private final AgentDiscovery discovery;
    private final Function<TmuxServer, Tmux> tmuxOf;
    private final Function<String, Optional<ScreenMarkers>> markersOf;

    public ExternalAgents(AgentDiscovery discovery, Function<TmuxServer, Tmux> tmuxOf,
                          Function<String, Optional<ScreenMarkers>> markersOf) {
        this.discovery = discovery;
        this.tmuxOf = tmuxOf;
        this.markersOf = markersOf;
    }

    public List<ExternalAgent> list() {
        return discovery.agents();
    }

    public ExternalAgent find(String id) {
        return discovery.find(id);
    }

    public AgentDriver.Sent send(String id, String text, boolean submit) {
        if (text.isEmpty() || text.length() > ShimProtocol.MAX_SEND_CHARS) {
            throw AgentorchestrException.usage("text must be 1 to " + ShimProtocol.MAX_SEND_CHARS + " characters; it is "
                    + text.length());
        }
        if (text.indexOf('\0') >= 0) {
            throw AgentorchestrException.usage("text holds a NUL character, which no terminal can take");
        }
        return driver(find(id)).send(text, submit);
    }

    public AgentDriver.Chunk read(String id, long cursor, int maxBytes) {
        AgentDriver.Chunk c = driver(find(id)).read(cursor, maxBytes);
        return new AgentDriver.Chunk(TerminalText.safe(c.text()), c.cursor(), c.more(), c.note());
    }

    public AgentDriver.Idle waitIdle(String id, Duration timeout) {
        return driver(find(id)).waitIdle(timeout);
    }

    AgentDriver driver(ExternalAgent agent) {
        AgentEndpoint endpoint = agent.endpoint();
        if (endpoint instanceof AgentEndpoint.Shim shim) {
            return new ShimClient(shim.socket());
        }
        AgentEndpoint.Pane pane = (AgentEndpoint.Pane) endpoint;
        ScreenMarkers markers = agent.agentKey() == null ? null : markersOf.apply(agent.agentKey()).orElse(null);
        return new PaneDriver(tmuxOf.apply(pane.server()), pane.pane(), markers);
    }

    @Override
    public void close() {
        discovery.close();
    }
}
