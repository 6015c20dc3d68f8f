package io.agentorchestr.core.agent;

import io.agentorchestr.core.error.AgentorchestrException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Chooses the agent for a run from the requested names (or every real agent when none is named).
 * The demo agent is used only when asked for by name: it must never stand in silently for a real one.
 */
public final class AgentSelection {
    public static final String DEMO = "demo";

    private final AgentRegistry registry;
    private final AgentDetector detector;

    public AgentSelection(AgentRegistry registry, AgentDetector detector) {
        this.registry = registry;
        this.detector = detector;
    }

    /** The profiles of the requested names, in order; an unknown name is a usage error naming the known ones. */
    public List<AgentProfile> resolve(List<String> requested) {
        List<AgentProfile> profiles = new ArrayList<>();
        for (String name : requested) {
            profiles.add(registry.find(name).orElseThrow(() -> AgentorchestrException.usage("unknown agent '"
                    + name + "'; known agents: " + String.join(", ", registry.names())
                    + " (add others in agents.toml of the config directory)")));
        }
        return profiles;
    }

    /**
     * The lead: {@code lead} if named (it must be able to lead and be installed), else the first installed
     * agent that can lead among {@code agents} (or among all real agents when none is named).
     */
    public DetectedAgent chooseLead(String lead, List<String> agents) {
        String names = registry.all().stream().filter(AgentProfile::canLead).map(AgentProfile::key)
                .collect(Collectors.joining(", "));
        if (lead != null) {
            AgentProfile p = requireLeader(lead);
            DetectedAgent found = detector.probe(p);
            if (!found.installed()) {
                throw AgentorchestrException.error("the lead agent '" + lead + "' is not installed (looked for "
                        + String.join("/", p.binaries()) + " on PATH)");
            }
            return found;
        }
        List<AgentProfile> candidates = new ArrayList<>(resolve(agents));
        if (candidates.isEmpty()) {
            registry.all().stream().filter(p -> !p.key().equals(DEMO)).forEach(candidates::add);
        }
        for (AgentProfile p : candidates) {
            if (p.canLead()) {
                DetectedAgent found = detector.probe(p);
                if (found.installed()) {
                    return found;
                }
            }
        }
        throw AgentorchestrException.error("no installed agent can lead" + (agents.isEmpty() ? "" : " among "
                + String.join(", ", agents)) + "; agents that can lead: " + names
                + " (install one, or try the bundled demo with --agents demo)");
    }

    /** The profile of {@code lead}; a usage error if unknown or unable to lead (its MCP injection is unknown). */
    public AgentProfile requireLeader(String lead) {
        AgentProfile p = resolve(List.of(lead)).get(0);
        if (!p.canLead()) {
            throw AgentorchestrException.usage("agent '" + lead + "' cannot lead: agentorchestr does not know how to "
                    + "give it MCP tools; agents that can lead: " + registry.all().stream().filter(AgentProfile::canLead)
                    .map(AgentProfile::key).collect(Collectors.joining(", ")));
        }
        return p;
    }

    /** Agents workers may use: the installed ones among {@code agents}, else the lead's agent. */
    public List<DetectedAgent> roster(List<String> agents, DetectedAgent lead) {
        List<DetectedAgent> installed = new ArrayList<>();
        for (AgentProfile p : resolve(agents)) {
            DetectedAgent found = p.key().equals(lead.profile().key()) ? lead : detector.probe(p);
            if (found.installed()) {
                installed.add(found);
            }
        }
        return installed.isEmpty() ? List.of(lead) : installed;
    }

    /** The first installed agent among the requested (or, when none is named, among all real agents). */
    public DetectedAgent choose(List<String> requested) {
        List<AgentProfile> candidates = new ArrayList<>(resolve(requested));
        if (candidates.isEmpty()) {
            registry.all().stream().filter(p -> !p.key().equals(DEMO)).forEach(candidates::add);
        }
        for (AgentProfile p : candidates) {
            DetectedAgent found = detector.probe(p);
            if (found.installed()) {
                return found;
            }
        }
        if (requested.isEmpty()) {
            throw AgentorchestrException.error("no agent CLI is installed; install one of "
                    + candidates.stream().map(AgentProfile::key).collect(Collectors.joining(", "))
                    + ", or try the bundled demo agent with --agents demo");
        }
        throw AgentorchestrException.error("none of the requested agents is installed (looked for "
                + candidates.stream().map(p -> p.key() + ": " + String.join("/", p.binaries()))
                .collect(Collectors.joining(", ")) + " on PATH); install one or choose another with --agents");
    }
}
