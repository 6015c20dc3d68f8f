package io.agentorchestr.core.discovery;

import java.util.List;

/**
 * An agent running outside any session that discovery found: by its shim's card (and its mDNS record),
 * or in a tmux pane of the user's. One id per agent, whichever layers found it.
 *
 * @param id        stable while the agent runs: {@code <name>-<shim pid>} for a shim,
 *                  {@code tmux-<server>-<pane number>} for a pane
 * @param agentKey  the agents.toml profile it matched, or null for a command we do not know
 * @param sources   which layers found it: {@value #CARD}, {@value #MDNS}, {@value #TMUX}
 * @param pid       the shim's pid, or the agent process's in a pane
 */
public record ExternalAgent(String id, String name, String agentKey, List<String> sources, long pid,
                            List<String> command, String cwd, String startedAt, AgentEndpoint endpoint) {
    public static final String CARD = "card";
    public static final String MDNS = "mdns";
    public static final String TMUX = "tmux";

    public ExternalAgent {
        sources = List.copyOf(sources);
        command = List.copyOf(command);
    }

    ExternalAgent withSource(String source) {
        if (sources.contains(source)) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(sources);
        more.add(source);
        return new ExternalAgent(id, name, agentKey, more, pid, command, cwd, startedAt, endpoint);
    }
}
