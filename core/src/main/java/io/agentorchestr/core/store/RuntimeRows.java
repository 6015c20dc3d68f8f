package io.agentorchestr.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.model.RecoveryStep;
import io.agentorchestr.core.model.SessionRuntime;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The rows behind resuming a session: its runtime settings, its MCP tokens, its workers' log offsets. */
final class RuntimeRows {
    private final SqlRows rows;
    private final ObjectMapper json = new ObjectMapper();

    RuntimeRows(SqlRows rows) {
        this.rows = rows;
    }

    void saveRuntime(SessionRuntime r) {
        rows.update("INSERT OR REPLACE INTO session_runtime (session_id, lead_agent_session_id, lead_pane, "
                        + "lead_launches, max_workers, timeout_s, health) VALUES (?,?,?,?,?,?,?)", r.sessionId(),
                r.leadAgentSessionId(), r.leadPane(), r.leadLaunches(), r.maxWorkers(),
                r.timeout() == null ? null : r.timeout().toSeconds(), policyJson(r.health()));
    }

    Optional<SessionRuntime> runtime(String sessionId) {
        return rows.query("SELECT session_id, lead_agent_session_id, lead_pane, lead_launches, max_workers, timeout_s, "
                + "health FROM session_runtime WHERE session_id = ?", r -> {
                    long timeout = r.getLong(6);
                    Duration t = r.wasNull() ? null : Duration.ofSeconds(timeout);
                    return new SessionRuntime(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getInt(5),
                            t, policy(r.getString(7)));
                }, sessionId).stream().findFirst();
    }

    void saveToken(String sessionId, String owner, String token) {
        rows.update("INSERT OR REPLACE INTO tokens (session_id, owner, token) VALUES (?,?,?)", sessionId, owner, token);
    }

    void deleteToken(String sessionId, String owner) {
        rows.update("DELETE FROM tokens WHERE session_id = ? AND owner = ?", sessionId, owner);
    }

    Map<String, String> tokens(String sessionId) {
        Map<String, String> out = new LinkedHashMap<>();
        rows.query("SELECT owner, token FROM tokens WHERE session_id = ? ORDER BY owner",
                r -> out.put(r.getString(1), r.getString(2)), sessionId);
        return out;
    }

    void saveOutputOffset(String sessionId, String workerId, long offset) {
        rows.update("UPDATE workers SET output_offset = ? WHERE session_id = ? AND id = ?", offset, sessionId, workerId);
    }

    long outputOffset(String sessionId, String workerId) {
        return rows.query("SELECT output_offset FROM workers WHERE session_id = ? AND id = ?", r -> r.getLong(1),
                sessionId, workerId).stream().findFirst().orElse(0L);
    }

    private String policyJson(HealthPolicy p) {
        ObjectNode n = json.createObjectNode();
        n.put("hung_after_s", p.hungAfter().toSeconds());
        n.putPOJO("on_hung", p.onHung().stream().map(RecoveryStep::label).toList());
        n.put("max_restarts", p.maxRestarts());
        n.put("idle_after_s", p.idleAfter().toSeconds());
        n.put("breaker_failures", p.breakerFailures());
        n.put("breaker_cooldown_s", p.breakerCooldown().toSeconds());
        return n.toString();
    }

    private HealthPolicy policy(String text) {
        try {
            JsonNode n = json.readTree(text);
            List<RecoveryStep> steps = StreamSupport.stream(n.path("on_hung").spliterator(), false)
                    .map(s -> RecoveryStep.parse(s.asText())).toList();
            return new HealthPolicy(Duration.ofSeconds(n.path("hung_after_s").asLong()), steps,
                    n.path("max_restarts").asInt(), Duration.ofSeconds(n.path("idle_after_s").asLong()),
                    n.path("breaker_failures").asInt(), Duration.ofSeconds(n.path("breaker_cooldown_s").asLong()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("corrupt health policy in the session store: " + text, e);
        }
    }
}
