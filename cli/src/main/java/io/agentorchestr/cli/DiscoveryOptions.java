package io.agentorchestr.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Options of {@code --list-agents}: agents running outside sessions, and where else to look for them. */
public final class DiscoveryOptions {
    @Option(names = "--list-agents", order = 14, description = "List agents running outside agentorchestr's "
            + "sessions that a lead can drive: those started with agentorchestr-shim (by their cards and mDNS) "
            + "and agent CLIs in panes of your tmux server.")
    public boolean listAgents;

    @Option(names = "--tmux-server", paramLabel = "NAME", order = 14, description = "With --list-agents: also "
            + "look in this tmux server's panes (a -L socket name, or a socket path). Repeatable. "
            + "AGENTORCHESTR_DISCOVER_TMUX (comma-separated, default: default) sets the servers for a lead too.")
    public List<String> tmuxServers = new ArrayList<>();
}
