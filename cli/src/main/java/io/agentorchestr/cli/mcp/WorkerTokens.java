package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.model.StateStore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Worker tokens: one per worker, created on first use and stored (a resumed session keeps them), and
 * revoked when the worker finishes: a revoked token is refused with the reason, so a finished or
 * killed worker can neither report again nor reach the lead.
 */
final class WorkerTokens {
    private final StateStore store;
    private final String sessionId;
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Map<String, String> revoked = new ConcurrentHashMap<>();

    WorkerTokens(StateStore store, String sessionId, Map<String, String> stored) {
        this.store = store;
        this.sessionId = sessionId;
        stored.forEach((owner, token) -> {
            if (!owner.equals("lead")) {
                owners.put(token, owner);
            }
        });
    }

    boolean accepted(String token) {
        return owners.containsKey(token);
    }

    String owner(String token) {
        return owners.get(token);
    }

    String whyRefused(String token) {
        return revoked.get(token);
    }

    synchronized String tokenOf(String workerId) {
        String token = owners.entrySet().stream().filter(e -> e.getValue().equals(workerId))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (token == null) {
            token = McpToolServer.newToken();
            store.saveToken(sessionId, workerId, token);
            owners.put(token, workerId);
        }
        return token;
    }

    synchronized void revoke(String workerId, String reason) {
        owners.entrySet().removeIf(e -> {
            if (e.getValue().equals(workerId)) {
                revoked.put(e.getKey(), "this token belonged to worker " + workerId + ", which has finished ("
                        + reason + "); it is no longer accepted");
                return true;
            }
            return false;
        });
        store.deleteToken(sessionId, workerId);
    }
}
