package io.agentorchestr.core.goal;

import io.agentorchestr.core.worker.Perspectives;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether tasks make a plan the engine can run, before anything starts: ids unique and well-formed,
 * every dependency a task of the plan, no cycle (the cycle is named), roles and agents the session
 * has, and no more than {@link #MAX_TASKS} tasks. Refusals name the task and the problem.
 */
public final class PlanCheck {
    /** A plan is a team's work for one goal, not a backlog. */
    public static final int MAX_TASKS = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");

    /** A refusal that names the task it is about (null when about the whole plan), so a file can say its line. */
    public static final class Problem extends ToolError {
        private static final long serialVersionUID = 1L;
        private final String taskId;

        Problem(String taskId, String message) {
            super(message);
            this.taskId = taskId;
        }

        public String taskId() {
            return taskId;
        }
    }

    /** A task as submitted: the perspective and agent may be null (implementer, the session's choice). */
    public record Draft(String id, String task, String perspective, String agent, List<String> dependsOn) {
        public Draft {
            dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        }
    }

    private final Perspectives perspectives;
    private final List<String> agents;

    /** @param agents the agents tasks may name (the session's roster), or null to accept any */
    public PlanCheck(Perspectives perspectives, List<String> agents) {
        this.perspectives = perspectives;
        this.agents = agents;
    }

    /**
     * Refuses {@code added} unless, together with the tasks already planned ({@code existing}: id to
     * its dependencies), they make a plan that can run.
     */
    public void check(List<Draft> added, Map<String, List<String>> existing) {
        if (added.isEmpty()) {
            throw new Problem(null, "the plan has no tasks; give at least one {id, task}");
        }
        if (existing.size() + added.size() > MAX_TASKS) {
            throw new Problem(null, "a plan has at most " + MAX_TASKS + " tasks; this one would have "
                    + (existing.size() + added.size()) + ". Plan in stages: submit the first ones, add more later "
                    + "with update_plan");
        }
        Map<String, List<String>> graph = new LinkedHashMap<>(existing);
        for (Draft d : added) {
            String where = "task '" + d.id() + "'";
            if (d.id() == null || !ID.matcher(d.id()).matches()) {
                throw new Problem(d.id(), "task id '" + d.id() + "' is not a plan id: 1 to 40 letters, digits, '_', '.' or '-', "
                        + "starting with a letter or digit");
            }
            if (graph.containsKey(d.id())) {
                throw new Problem(d.id(), "duplicate task id '" + d.id() + "'; each task needs its own id");
            }
            if (d.task() == null || d.task().isBlank()) {
                throw new Problem(d.id(), where + " has no task text; say what the worker should do");
            }
            if (d.perspective() != null && !d.perspective().isBlank() && perspectives.find(d.perspective()).isEmpty()) {
                throw new Problem(d.id(), where + ": unknown perspective '" + d.perspective() + "'; use one of "
                        + perspectives.labels());
            }
            if (agents != null && d.agent() != null && !d.agent().isBlank() && !agents.contains(d.agent().strip())) {
                throw new Problem(d.id(), where + ": agent '" + d.agent() + "' is not one of this session's agents ("
                        + String.join(", ", agents) + ")");
            }
            graph.put(d.id(), d.dependsOn());
        }
        for (Draft d : added) {
            for (String dep : d.dependsOn()) {
                if (dep.equals(d.id())) {
                    throw new Problem(d.id(), "task '" + d.id() + "' depends on itself");
                }
                if (!graph.containsKey(dep)) {
                    throw new Problem(d.id(), "task '" + d.id() + "' depends on '" + dep + "', which is no task of the plan; "
                            + "tasks: " + String.join(", ", graph.keySet()));
                }
            }
        }
        List<String> cycle = cycle(graph);
        if (!cycle.isEmpty()) {
            throw new Problem(cycle.get(0), "the plan has a cycle: " + String.join(" -> ", cycle) + " (each waits "
                    + "for the next); a task cannot wait, directly or not, for itself");
        }
    }

    /** A cycle of the graph (its first task repeated at the end), or empty when there is none. */
    static List<String> cycle(Map<String, List<String>> graph) {
        Map<String, Integer> color = new HashMap<>();  // absent: not seen; 1: on the path; 2: done
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(start, graph, color, path, new HashSet<>());
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String id, Map<String, List<String>> graph, Map<String, Integer> color,
                                      List<String> path, Set<String> onPath) {
        Integer c = color.get(id);
        if (c != null && c == 2) {
            return List.of();
        }
        if (onPath.contains(id)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            return cycle;
        }
        onPath.add(id);
        path.add(id);
        for (String dep : graph.getOrDefault(id, List.of())) {
            List<String> found = visit(dep, graph, color, path, onPath);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(id);
        color.put(id, 2);
        return List.of();
    }
}
