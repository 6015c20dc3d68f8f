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
