package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.health.CircuitBreaker;

import java.util.List;
import java.util.Optional;

/**
 * Picks the agent for a new worker from the session's roster, honouring the circuit breaker: an agent
 * that failed too often in a row is skipped (a hint for it falls back to another agent, and says so),
 * and refused with the breaker's reason when no other agent is available.
 */
final class AgentChooser {
    private final List<DetectedAgent> roster;
    private final CircuitBreaker breaker;

    AgentChooser(List<DetectedAgent> roster, CircuitBreaker breaker) {
        this.roster = List.copyOf(roster);
        this.breaker = breaker;
    }

    /** The agent chosen, and a note for the lead when it is not the one hinted. */
    record Choice(DetectedAgent agent, String note) {
    }

    Choice choose(String hint) {
        DetectedAgent wanted = hint == null || hint.isBlank() ? roster.get(0) : find(hint.strip())
                .orElseThrow(() -> new ToolError("agent_hint '" + hint + "' is not available; available agents: "
                        + String.join(", ", keys())));
        Optional<String> refused = breaker.refusal(wanted.profile().key());
        if (refused.isEmpty()) {
            return new Choice(wanted, null);
        }
        for (DetectedAgent other : roster) {
            if (other != wanted && breaker.refusal(other.profile().key()).isEmpty()) {
                return new Choice(other, refused.get() + "; this worker uses " + other.profile().key() + " instead");
            }
        }
        throw new ToolError(refused.get() + ". No other agent is available (" + String.join(", ", keys())
                + "); wait for the cool-down, or look at why it fails with read_worker_output");
    }

    Optional<DetectedAgent> find(String key) {
        return roster.stream().filter(a -> a.profile().key().equalsIgnoreCase(key)).findFirst();
    }

    void record(String agent, boolean failed, String what) {
        breaker.record(agent, failed, what);
    }

    List<String> keys() {
        return roster.stream().map(a -> a.profile().key()).toList();
    }
}
