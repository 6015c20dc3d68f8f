package io.agentorchestr.core.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What a shim publishes about the agent it runs, as {@code <name>-<pid>.json} in the cards directory:
 * enough for a lead (or {@code --list-agents}) to find the agent and drive it.
 *
 * @param agentKey    the agents.toml profile the command matched, or null for a command we do not know
 * @param panePid     the process in the agent's pane: the launch wrapper, whose child is the agent
 * @param socket      the shim's JSON-RPC socket
 * @param tmuxSocket  the private tmux server the agent runs in, for {@code tmux -S ... attach}
 * @param startedAt   ISO-8601 instant
 */
public record AgentCard(@JsonProperty("shim_version") String shimVersion,
                        @JsonProperty("name") String name,
                        @JsonProperty("argv") List<String> argv,
                        @JsonProperty("agent_key") String agentKey,
                        @JsonProperty("shim_pid") long shimPid,
                        @JsonProperty("pane_pid") long panePid,
                        @JsonProperty("started_at") String startedAt,
                        @JsonProperty("cwd") String cwd,
                        @JsonProperty("host") String host,
                        @JsonProperty("socket") String socket,
                        @JsonProperty("tmux_socket") String tmuxSocket,
                        @JsonProperty("pane") String pane) {
    public AgentCard {
        argv = List.copyOf(argv);
    }

    /** The file name of this card: the same name and pid make the same file. */
    public String fileName() {
        return name + "-" + shimPid + ".json";
    }
}
