package io.agentorchestr.core.discovery;

import io.agentorchestr.core.model.SessionIds;
import io.agentorchestr.core.tmux.ServerPane;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.tmux.TmuxServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Agents in the user's own tmux panes: every pane of the servers asked for (the default one, and any
 * the user names) whose process tree runs a known agent binary. Panes of agentorchestr's own sessions
 * are its workers and leads, not external agents.
 */
public final class TmuxPaneScan {
    private final List<TmuxServer> servers;
    private final Function<TmuxServer, Tmux> tmuxOf;
    private final AgentMatcher matcher;

    public TmuxPaneScan(List<TmuxServer> servers, Function<TmuxServer, Tmux> tmuxOf, AgentMatcher matcher) {
        this.servers = List.copyOf(servers);
        this.tmuxOf = tmuxOf;
        this.matcher = matcher;
    }

    public List<ExternalAgent> scan() {
        List<ExternalAgent> found = new ArrayList<>();
        for (TmuxServer server : servers) {
            for (ServerPane p : tmuxOf.apply(server).listAllPanes()) {
                if (!p.dead() && !p.session().startsWith(SessionIds.tmuxSessionName(""))) {
                    agentIn(server, p).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    private Optional<ExternalAgent> agentIn(TmuxServer server, ServerPane p) {
        return matcher.match(p.pid()).map(m -> new ExternalAgent(
                "tmux-" + label(server) + "-" + p.pane().id().substring(1), m.profile().key(), m.profile().key(),
                List.of(ExternalAgent.TMUX), m.pid(), m.argv(), p.currentPath(), null,
                new AgentEndpoint.Pane(server, p.pane(), p.session(), p.windowName())));
    }

    /** The server's short name in ids: "default", its -L name, or its socket file's name. */
    static String label(TmuxServer server) {
        String raw = server.socketPath() != null ? server.socketPath().getFileName().toString()
                : server.socketName() != null ? server.socketName() : "default";
        return raw.replaceAll("[^A-Za-z0-9_.]", "_");
    }
}
