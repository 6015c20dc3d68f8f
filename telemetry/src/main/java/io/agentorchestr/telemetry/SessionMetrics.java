package io.agentorchestr.telemetry;

import io.agentorchestr.core.cost.TokenUsage;
import io.agentorchestr.core.cost.UsageMeter;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.session.SessionCosts;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics: tool-call latency as calls end; tokens (by gen_ai.token.type), USD and workers by state
 * read when the SDK collects (its export interval), from the store and the agents' records, for the
 * sessions this process has seen.
 */
final class SessionMetrics {
    static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<String> STATE = AttributeKey.stringKey("agentorchestr.worker.state");

    private final StateStore store;
    private final SessionCosts costs;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final DoubleHistogram toolDuration;

    SessionMetrics(Meter meter, StateStore store, UsageMeter usage) {
        this.store = store;
        this.costs = new SessionCosts(store, usage);
        this.toolDuration = meter.histogramBuilder("agentorchestr.tool.duration").setUnit("s")
                .setDescription("How long MCP tool calls took, by tool").build();
        meter.counterBuilder("agentorchestr.token.usage").setUnit("{token}")
                .setDescription("Tokens the agents' records say their model calls used, by agent and token type")
                .buildWithCallback(m -> parts().forEach(p -> p.usage().ifPresent(u -> tokens(p, u).forEach((type, n) ->
                        m.record(n, attributes(p, u).put(TOKEN_TYPE, type).build())))));
        meter.counterBuilder("agentorchestr.cost").ofDoubles().setUnit("USD")
                .setDescription("What the agents' tokens cost at the known prices, by agent")
                .buildWithCallback(m -> parts().forEach(p -> p.usd().ifPresent(usd ->
                        m.record(usd, attributes(p, p.usage().orElseThrow()).build()))));
        meter.upDownCounterBuilder("agentorchestr.workers").setUnit("{worker}")
                .setDescription("Workers by state")
                .buildWithCallback(m -> sessions.forEach(id -> byState(id).forEach((state, n) -> m.record(n,
                        Attributes.of(SessionSpans.SESSION_ID, id, STATE, state)))));
    }

    /** Starts reading the session's usage and workers at each collection. */
    void follow(String sessionId) {
        sessions.add(sessionId);
    }

    void toolCalled(String tool, boolean error, long durationMs) {
        AttributesBuilder b = Attributes.builder().put(SessionSpans.TOOL, tool);
        if (error) {
            b.put("error.type", "tool_error");
        }
        toolDuration.record(durationMs / 1000.0, b.build());
    }

    /** A worker's usage as its records say now. */
    Optional<TokenUsage> usageOf(String sessionId, String workerId) {
        return store.session(sessionId).flatMap(s -> costs.of(s).stream().filter(p -> p.who().equals(workerId))
                .findFirst()).flatMap(SessionCosts.Part::usage);
    }

    private List<SessionCosts.Part> parts() {
        return sessions.stream().flatMap(id -> store.session(id).stream()).flatMap(s -> costs.of(s).stream()).toList();
    }

    private static Map<String, Long> tokens(SessionCosts.Part p, TokenUsage u) {
        return Map.of("input", u.input(), "cache_write", u.cacheWrite(), "cache_read", u.cacheRead(), "output",
                u.output());
    }

    private static AttributesBuilder attributes(SessionCosts.Part p, TokenUsage u) {
        AttributesBuilder b = Attributes.builder().put(SessionSpans.SESSION_ID, p.session().id())
                .put(SessionSpans.WORKER_ID, p.who()).put(SessionSpans.AGENT, p.agent());
        if (u.model() != null) {
            b.put(MODEL, u.model());
        }
        return b;
    }

    private Map<String, Long> byState(String sessionId) {
        Map<String, Long> n = new TreeMap<>();
        for (WorkerRecord w : store.workers(sessionId)) {
            n.merge(w.state().label(), 1L, Long::sum);
        }
        return n;
    }
}
