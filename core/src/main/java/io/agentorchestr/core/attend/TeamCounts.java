package io.agentorchestr.core.attend;

import io.agentorchestr.core.model.WorkerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The status line's summary of a team: how many workers stand where, and the goal's age ("2 running · 1 merged · 12m"). */
final class TeamCounts {
    /** The order a person reads them in: what needs them first, then what is moving, then what is over. */
    private static final List<String> ORDER = List.of("waiting", "hung", "running", "idle", "done", "merged",
            "failed", "blocked", "killed", "timeout", "orphaned");

    private TeamCounts() {
    }

    static String of(List<WorkerRecord> workers, Duration elapsed) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        ORDER.forEach(s -> counts.put(s, 0));
        for (WorkerRecord w : workers) {
            String state = PaneLook.stateOf(w);
            counts.merge("starting".equals(state) ? "running" : state, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((state, n) -> {
            if (n > 0) {
                parts.add(n + " " + state);
            }
        });
        if (parts.isEmpty()) {
            parts.add("no workers yet");
        }
        parts.add(Elapsed.of(elapsed));
        return String.join(" · ", parts);
    }
}
