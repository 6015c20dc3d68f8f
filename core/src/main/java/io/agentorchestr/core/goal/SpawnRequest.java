package io.agentorchestr.core.goal;

import java.util.List;

/**
 * A lead's request for a worker (the arguments of spawn_worker); {@code skills} forces skills by name
 * or leaves them out ({@code -name}).
 */
public record SpawnRequest(String task, String perspective, List<String> fileScope, String passCriteria,
                           String extraContext, String agentHint, List<String> dependsOn, String requestId,
                           List<String> skills) {
    public SpawnRequest {
        fileScope = fileScope == null ? List.of() : List.copyOf(fileScope);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        skills = skills == null ? List.of() : List.copyOf(skills);
    }

    public SpawnRequest(String task, String perspective, List<String> fileScope, String passCriteria,
                        String extraContext, String agentHint, List<String> dependsOn, String requestId) {
        this(task, perspective, fileScope, passCriteria, extraContext, agentHint, dependsOn, requestId, List.of());
    }
}
