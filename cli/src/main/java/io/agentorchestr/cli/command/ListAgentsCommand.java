package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.ExternalAgentJson;
import io.agentorchestr.cli.Json;
import io.agentorchestr.cli.TextTable;
import io.agentorchestr.core.discovery.ExternalAgent;
import io.agentorchestr.core.discovery.ExternalAgents;
import io.agentorchestr.core.text.TerminalText;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;

/** {@code --list-agents}: what discovery finds, one agent per line (or a JSON array). */
public final class ListAgentsCommand extends ModeCommand {
    private final List<String> tmuxServers;

    public ListAgentsCommand(CliContext context, CommandSpec spec, CommonOptions common, List<String> tmuxServers) {
        super(context, spec, common);
        this.tmuxServers = List.copyOf(tmuxServers);
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        List<ExternalAgent> agents;
        try (ExternalAgents external = context.externalAgents(tmuxServers)) {
            agents = external.list();
        }
        if (common.json) {
            Json.print(out, agents.stream().map(ExternalAgentJson::of).toList());
            return 0;
        }
        if (agents.isEmpty()) {
            err().println("agentorchestr: no agents found; start one with: agentorchestr-shim claude "
                    + "(or run an agent CLI in a tmux pane)");
            return 0;
        }
        TextTable table = new TextTable("ID", "AGENT", "FOUND BY", "PID", "DIRECTORY", "COMMAND");
        for (ExternalAgent a : agents) {
            table.row(a.id(), a.agentKey() == null ? "-" : a.agentKey(), String.join(",", a.sources()),
                    String.valueOf(a.pid()), TerminalText.safe(a.cwd()),
                    TerminalText.firstLine(String.join(" ", a.command()), 60));
        }
        table.print(out);
        out.flush();
        return 0;
    }
}
