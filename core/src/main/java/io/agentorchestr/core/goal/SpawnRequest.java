package io.agentorchestr.core.goal;

import java.util.List;

/** A lead's request for a worker (the arguments of spawn_worker). */
public record SpawnRequest(String task, String perspective, List<String> fileScope, String passCriteria,
                           String extraContext, String agentHint, List<String> dependsOn, String requestId) {
    public SpawnRequest {
        fileScope = fileScope == null ? List.of() : List.copyOf(fileScope);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
}
