package io.agentorchestr.core.worker;

import java.util.List;

/**
 * What a worker is asked to do, beyond its task: its perspective, the files it should stay within,
 * how its work will be judged, and context the lead wants it to have.
 */
public record WorkerBrief(String task, Perspective perspective, List<String> fileScope, String passCriteria,
                          String extraContext) {
    public WorkerBrief {
        fileScope = fileScope == null ? List.of() : List.copyOf(fileScope);
    }

    public static WorkerBrief of(String task, Perspective perspective) {
        return new WorkerBrief(task, perspective, List.of(), null, null);
    }
}
