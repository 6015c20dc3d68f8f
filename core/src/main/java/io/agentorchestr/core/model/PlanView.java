package io.agentorchestr.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A plan as every reader outside the engine sees it, with one set of field names: get_plan and the
 * other plan tools, and the dashboard. {@code ready} says that a pending task's dependencies are done.
 */
public final class PlanView {
    private PlanView() {
    }

    public static List<Map<String, Object>> of(List<PlanTask> plan, ShownText text) {
        Set<String> done = plan.stream().filter(t -> t.state() == PlanTaskState.DONE).map(PlanTask::id)
                .collect(Collectors.toSet());
        return plan.stream().map(t -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", t.id());
            v.put("task", text.apply(t.task()));
            v.put("perspective", t.perspective());
            v.put("agent", t.agent());
            v.put("depends_on", t.dependsOn());
            v.put("state", t.state().label());
            v.put("ready", t.state() == PlanTaskState.PENDING && done.containsAll(t.dependsOn()));
            v.put("worker_id", t.workerId());
            v.put("reason", text.apply(t.reason()));
            v.put("attempts", t.attempts());
            v.put("updated_at", t.updatedAt() == null ? null : t.updatedAt().toString());
            return v;
        }).toList();
    }

    /** How many tasks are in each state, and whether the plan has run to its end (nothing pending or running). */
    public static Map<String, Object> summary(List<PlanTask> plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (PlanTaskState s : PlanTaskState.values()) {
            m.put(s.label(), plan.stream().filter(t -> t.state() == s).count());
        }
        m.put("finished", !plan.isEmpty() && plan.stream().allMatch(t -> t.state().settled()));
        m.put("all_done", !plan.isEmpty() && plan.stream().allMatch(t -> t.state() == PlanTaskState.DONE
                || t.state() == PlanTaskState.CANCELLED));
        return m;
    }
}
