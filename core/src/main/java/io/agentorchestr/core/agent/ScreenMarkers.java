package io.agentorchestr.core.agent;

import java.util.List;

/** Screen text that tells an agent's state: busy working, waiting for an answer, idle at its input. */
public record ScreenMarkers(List<String> busy, List<String> waiting, List<String> idle) {
    public ScreenMarkers {
        busy = List.copyOf(busy);
        waiting = List.copyOf(waiting);
        idle = List.copyOf(idle);
    }

    public static boolean anyIn(List<String> markers, String screen) {
        return markers.stream().anyMatch(screen::contains);
    }
}
