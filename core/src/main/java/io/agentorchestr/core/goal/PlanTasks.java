package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.PlanTask;
import io.agentorchestr.core.model.PlanTaskState;
import io.agentorchestr.core.worker.Perspective;
import io.agentorchestr.core.worker.Perspectives;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Questions about a plan's graph, asked of its tasks as they stand (the caller holds the plan's lock). */
final class PlanTasks {
    private final Map<String, PlanTask> tasks;

    PlanTasks(Map<String, PlanTask> tasks) {
        this.tasks = tasks;
    }

    /** Checked drafts as new pending tasks, placed after the tasks there are. */
    List<PlanTask> fromDrafts(String sessionId, List<PlanCheck.Draft> drafts, Perspectives perspectives) {
        List<PlanTask> out = new ArrayList<>();
        int position = tasks.size();
        for (PlanCheck.Draft d : drafts) {
            String perspective = d.perspective() == null || d.perspective().isBlank() ? Perspective.IMPLEMENTER.label()
                    : perspectives.find(d.perspective()).orElseThrow().label();
            out.add(new PlanTask(sessionId, d.id(), position++, d.task().strip(), perspective,
                    d.agent() == null || d.agent().isBlank() ? null : d.agent().strip(), d.dependsOn(),
                    PlanTaskState.PENDING, null, null, 0, java.time.Instant.now()));
        }
        return out;
    }

    /** Each task's dependencies, for checking tasks added to them. */
    Map<String, List<String>> dependencies() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        tasks.values().forEach(t -> out.put(t.id(), t.dependsOn()));
        return out;
    }

    /** Every task that waits for {@code id}, directly or through others, in plan order. */
    List<PlanTask> dependentsOf(String id) {
        Set<String> found = new LinkedHashSet<>();
        List<String> frontier = new ArrayList<>(List.of(id));
        while (!frontier.isEmpty()) {
            String current = frontier.remove(0);
            for (PlanTask t : tasks.values()) {
                if (t.dependsOn().contains(current) && found.add(t.id())) {
                    frontier.add(t.id());
                }
            }
        }
        return tasks.values().stream().filter(t -> found.contains(t.id())).toList();
    }

    /** Whether a task {@code t} waits for, directly or not, other than {@code except}, failed or was cancelled. */
    boolean blockedByOtherThan(PlanTask t, String except) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> frontier = new ArrayList<>(t.dependsOn());
        while (!frontier.isEmpty()) {
            String id = frontier.remove(0);
            if (!seen.add(id)) {
                continue;
            }
            PlanTask dep = tasks.get(id);
            if (!id.equals(except) && (dep.state() == PlanTaskState.FAILED || dep.state() == PlanTaskState.CANCELLED)) {
                return true;
            }
            frontier.addAll(dep.dependsOn());
        }
        return false;
    }

    /** Whether every task {@code t} depends on is done. */
    boolean ready(PlanTask t) {
        return t.dependsOn().stream().allMatch(d -> tasks.get(d).state() == PlanTaskState.DONE);
    }

    /** The running task whose worker is {@code workerId}. */
    Optional<PlanTask> taskOf(String workerId) {
        return tasks.values().stream().filter(t -> workerId.equals(t.workerId())).findFirst();
    }

    /** What a task's worker is told about its place in the plan. */
    String context(PlanTask t) {
        StringBuilder s = new StringBuilder("This is task '" + t.id() + "' of the session's plan.");
        if (!t.dependsOn().isEmpty()) {
            s.append(" It builds on ");
            List<String> deps = t.dependsOn().stream().map(d -> "'" + d + "' (" + tasks.get(d).task().lines()
                    .findFirst().orElse("") + ", by " + tasks.get(d).workerId() + ")").toList();
            s.append(String.join(", ", deps)).append(": their work is merged and in your worktree.");
        }
        if (t.attempts() > 0) {
            s.append(" An earlier attempt failed: ").append(t.reason() == null ? "(no reason recorded)" : t.reason())
                    .append('.');
        }
        return s.toString();
    }
}
