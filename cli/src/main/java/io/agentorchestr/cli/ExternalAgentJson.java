package io.agentorchestr.cli;

import io.agentorchestr.core.discovery.AgentEndpoint;
import io.agentorchestr.core.discovery.ExternalAgent;

import java.util.LinkedHashMap;
import java.util.Map;

/** An external agent as JSON, the same for {@code --list-agents --json} and the lead's discovery tool. */
public final class ExternalAgentJson {
    private ExternalAgentJson() {
    }

    public static Map<String, Object> of(ExternalAgent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("agent", a.agentKey());
        m.put("found_by", a.sources());
        m.put("pid", a.pid());
        m.put("command", a.command());
        m.put("cwd", a.cwd());
        m.put("started_at", a.startedAt());
        m.put("via", a.endpoint() instanceof AgentEndpoint.Shim ? "shim" : "tmux");
        m.put("where", a.endpoint().describe());
        return m;
    }
}
