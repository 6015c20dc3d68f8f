package io.agentorchestr.core.context;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import org.tomlj.TomlParseResult;

import java.nio.file.Path;

/**
 * How many characters of each context file go into every prompt ({@code [context]} in the project's
 * config.toml). Every byte of the preamble is paid again on every turn of every agent, so the
 * defaults are modest: a file over its budget is cut, and the cut says so.
 */
public record ContextBudgets(int globalChars, int projectChars, int conventionsChars, int memoryChars,
                             int memoryNotes) {
    public static final ContextBudgets DEFAULT = new ContextBudgets(4_000, 12_000, 8_000, 4_000, 3);
    private static final int MAX_CHARS = 200_000;

    public static ContextBudgets load(Path projectRoot) {
        return ProjectConfig.load(projectRoot).map(t -> fromToml(t, ProjectConfig.file(projectRoot)))
                .orElse(DEFAULT);
    }

    static ContextBudgets fromToml(TomlParseResult t, Path file) {
        ContextBudgets d = DEFAULT;
        return new ContextBudgets(number(t, file, "context.global_chars", d.globalChars, MAX_CHARS),
                number(t, file, "context.project_chars", d.projectChars, MAX_CHARS),
                number(t, file, "context.conventions_chars", d.conventionsChars, MAX_CHARS),
                number(t, file, "memory.prompt_chars", d.memoryChars, MAX_CHARS),
                number(t, file, "memory.prompt_notes", d.memoryNotes, 50));
    }

    private static int number(TomlParseResult t, Path file, String key, int fallback, int max) {
        if (!t.contains(key)) {
            return fallback;
        }
        Long n = t.isLong(key) ? t.getLong(key) : null;
        if (n == null || n < 0 || n > max) {
            String dot = key.substring(0, key.indexOf('.'));
            throw AgentorchestrException.usage("[" + dot + "] " + key.substring(dot.length() + 1) + " in " + file
                    + " must be a whole number from 0 to " + max + ", not " + t.get(key));
        }
        return n.intValue();
    }
}
