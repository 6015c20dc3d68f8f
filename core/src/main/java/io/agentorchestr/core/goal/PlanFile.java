package io.agentorchestr.core.goal;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.worker.Perspectives;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan the user wrote ({@code --plan plan.toml}): an optional {@code goal = "..."} and one
 * {@code [[task]]} table per task with {@code id}, {@code task}, and optionally {@code perspective},
 * {@code agent} and {@code depends_on}. Every problem is a usage error that names the file and line.
 */
public record PlanFile(String goal, List<PlanCheck.Draft> tasks) {
    private static final Set<String> KEYS = Set.of("id", "task", "perspective", "agent", "depends_on");
    private static final long MAX_BYTES = 1_000_000;

    public PlanFile {
        tasks = List.copyOf(tasks);
    }

    /** Reads and checks {@code file} against the project's roles; agents are checked when the session starts. */
    public static PlanFile load(Path file, Perspectives perspectives) {
        return read(text(file), file.toString(), perspectives);
    }

    /** Reads and checks a plan's text; {@code source} names it in problems (a file, or "the drafted plan"). */
    public static PlanFile read(String text, String source, Perspectives perspectives) {
        String file = source;
        TomlParseResult toml = parse(file, text);
        Object goal = toml.get("goal");
        if (goal != null && !(goal instanceof String)) {
            throw at(file, toml.inputPositionOf("goal"), "goal must be a string");
        }
        for (String key : toml.keySet()) {
            if (!key.equals("goal") && !key.equals("task")) {
                throw at(file, toml.inputPositionOf(key), "unknown key '" + key + "'; a plan has goal = \"...\" and "
                        + "[[task]] tables");
            }
        }
        if (!(toml.get("task") instanceof TomlArray array) || array.isEmpty() || !array.isTable(0)) {
            throw AgentorchestrException.usage(file + ": no [[task]] tables; each task is a table like\n[[task]]\nid = "
                    + "\"api\"\ntask = \"Add the endpoint\"\ndepends_on = [\"schema\"]");
        }
        List<PlanCheck.Draft> tasks = new ArrayList<>();
        Map<String, TomlPosition> lines = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.isTable(i)) {
                throw at(file, array.inputPositionOf(i), "task must be [[task]] tables, not a list of values");
            }
            TomlTable t = array.getTable(i);
            tasks.add(draft(file, t));
            lines.putIfAbsent(String.valueOf(t.get("id")), t.inputPositionOf("id"));
        }
        try {
            new PlanCheck(perspectives, null).check(tasks, Map.of());
        } catch (PlanCheck.Problem e) {
            throw at(file, e.taskId() == null ? null : lines.get(e.taskId()), e.getMessage());
        }
        return new PlanFile(goal == null ? null : ((String) goal).strip(), tasks);
    }

    private static PlanCheck.Draft draft(String file, TomlTable t) {
        for (String key : t.keySet()) {
            if (!KEYS.contains(key)) {
                throw at(file, t.inputPositionOf(key), "unknown key '" + key + "' in a [[task]]; a task has "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        for (String key : List.of("id", "task", "perspective", "agent")) {
            if (t.get(key) != null && !(t.get(key) instanceof String)) {
                throw at(file, t.inputPositionOf(key), key + " must be a string");
            }
        }
        if (t.get("id") == null || t.get("task") == null) {
            throw at(file, t.inputPositionOf(t.keySet().isEmpty() ? "" : t.keySet().iterator().next()),
                    "a [[task]] needs id = \"...\" and task = \"...\"");
        }
        List<String> deps = new ArrayList<>();
        Object d = t.get("depends_on");
        if (d != null) {
            if (!(d instanceof TomlArray a)) {
                throw at(file, t.inputPositionOf("depends_on"), "depends_on must be a list of task ids, like "
                        + "depends_on = [\"schema\"]");
            }
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof String id)) {
                    throw at(file, t.inputPositionOf("depends_on"), "depends_on item " + (i + 1) + " must be a task id");
                }
                deps.add(id);
            }
        }
        return new PlanCheck.Draft(t.getString("id"), t.getString("task"), t.getString("perspective"),
                t.getString("agent"), deps);
    }

    private static String text(Path file) {
        if (!Files.isRegularFile(file)) {
            throw AgentorchestrException.usage("--plan " + file + (Files.exists(file) ? " is not a regular file"
                    : " does not exist") + "; pass a plan.toml (see the README's \"Plans\")");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw AgentorchestrException.usage("--plan " + file + " is larger than 1 MB; a plan lists tasks, "
                        + "not their material");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw AgentorchestrException.usage("cannot read --plan " + file + ": " + e.getMessage());
        }
    }

    private static TomlParseResult parse(String file, String text) {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            var error = toml.errors().get(0);
            throw at(file, error.position(), "invalid TOML: " + error.getMessage().replaceAll(" \\(line \\d+, column "
                    + "\\d+\\)$", ""));
        }
        return toml;
    }

    /** The plan as a plan.toml: the goal, then a [[task]] table per task. */
    public String toToml() {
        StringBuilder out = new StringBuilder();
        if (goal != null) {
            out.append("goal = ").append(quoted(goal)).append("\n");
        }
        for (PlanCheck.Draft t : tasks) {
            out.append("\n[[task]]\nid = ").append(quoted(t.id())).append("\ntask = ").append(quoted(t.task()))
                    .append("\n");
            if (t.perspective() != null) {
                out.append("perspective = ").append(quoted(t.perspective())).append("\n");
            }
            if (t.agent() != null) {
                out.append("agent = ").append(quoted(t.agent())).append("\n");
            }
            if (!t.dependsOn().isEmpty()) {
                out.append("depends_on = [").append(String.join(", ", t.dependsOn().stream().map(PlanFile::quoted)
                        .toList())).append("]\n");
            }
        }
        return out.toString();
    }

    /** A TOML basic string. */
    private static String quoted(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> q.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return q.append('"').toString();
    }

    private static AgentorchestrException at(String file, TomlPosition position, String problem) {
        return AgentorchestrException.usage(file + (position == null ? "" : " line " + position.line()) + ": "
                + problem);
    }

    /** A --plan's tasks handed to a starting session (none: nothing); an agent it does not have is a usage error. */
    static void submit(Supervisor supervisor, List<PlanCheck.Draft> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        try {
            supervisor.plan().submit(tasks, new PlanCheck(supervisor.perspectives(), supervisor.spawner().agentKeys()));
        } catch (ToolError e) {
            throw AgentorchestrException.usage("--plan: " + e.getMessage());
        }
    }

    /** The goal the lead is given for this plan: the file's, else one that says what to do with the plan. */
    public String goalText(Path file) {
        String head = goal != null && !goal.isBlank() ? goal : "Carry out the plan in " + file.getFileName() + " ("
                + tasks.size() + " task(s)).";
        return head + "\n\nThe engine runs this plan (get_plan shows it): do not submit another. Answer the "
                + "workers' questions, read what reviewers and researchers send, retry or cancel failed tasks, "
                + "verify the merged result and mark the goal.";
    }
}
