package io.agentorchestr.core.discovery;

import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.TmuxServer;

import java.nio.file.Path;

/** How an external agent is driven: through its shim's socket, or straight through its tmux pane. */
public sealed interface AgentEndpoint {

    /** For people: where the agent is and how to look at it. */
    String describe();

    /** A shimmed agent: JSON-RPC on {@code socket}; {@code attach} shows it in a terminal. */
    record Shim(Path socket, Path card, String attach) implements AgentEndpoint {
        @Override
        public String describe() {
            return "shim socket " + socket + " (attach: " + attach + ")";
        }
    }

    /** An agent in a pane of the user's own tmux: paste to type, capture-pane to read. */
    record Pane(TmuxServer server, PaneRef pane, String session, String window) implements AgentEndpoint {
        @Override
        public String describe() {
            return "tmux pane " + pane.id() + " in session " + session + ":" + window + " ("
                    + server.describeCommand() + ")";
        }
    }
}
