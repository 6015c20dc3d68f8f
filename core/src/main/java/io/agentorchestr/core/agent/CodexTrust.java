package io.agentorchestr.core.agent;

import io.agentorchestr.core.error.AgentorchestrException;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Codex's "Trust this folder?" screen, avoided at launch: {@code -c projects={...}} marks the
 * directories trusted for that launch only, so the user's config.toml is never written. The override
 * replaces the whole {@code projects} table for the launch, so the user's own entries are carried
 * into it unchanged. Codex applies trust to the main repository root for a git worktree, so the
 * project root is trusted with the worktree.
 */
final class CodexTrust {
    private final Path codexHome;

    /** @param codexHome {@code $CODEX_HOME}, else {@code ~/.codex} */
    CodexTrust(Path codexHome) {
        this.codexHome = codexHome;
    }

    List<String> launchArgs(List<Path> dirs) {
        Map<String, String> projects = new LinkedHashMap<>(usersProjects());
        for (Path dir : dirs) {
            String key = dir.toAbsolutePath().normalize().toString();
            projects.put(key, "{\"trust_level\"=\"trusted\"}");
        }
        StringBuilder table = new StringBuilder("projects={");
        projects.forEach((k, v) -> table.append(table.length() > "projects={".length() ? "," : "")
                .append(string(k)).append('=').append(v));
        return List.of("-c", table.append('}').toString());
    }

    /** The user's {@code [projects."<dir>"]} tables, each as an inline TOML table. */
    private Map<String, String> usersProjects() {
        Path config = codexHome.resolve("config.toml");
        if (!Files.isRegularFile(config)) {
            return Map.of();
        }
        TomlParseResult toml;
        try {
            toml = Toml.parse(config);
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot read Codex's config " + config + " (" + e.getMessage()
                    + ") to keep its trusted projects; make it readable", e);
        }
        if (toml.hasErrors()) {
            throw AgentorchestrException.error("Codex's config " + config + " is not valid TOML ("
                    + toml.errors().get(0) + "); fix it, Codex itself would refuse it too");
        }
        TomlTable projects = toml.getTable("projects");
        Map<String, String> out = new LinkedHashMap<>();
        if (projects != null) {
            for (String dir : projects.keySet()) {
                Object entry = projects.get(List.of(dir));
                if (entry instanceof TomlTable t) {
                    out.put(dir, inline(t));
                }
            }
        }
        return out;
    }

    private static String inline(TomlTable t) {
        StringBuilder out = new StringBuilder("{");
        for (String key : t.keySet()) {
            out.append(out.length() > 1 ? "," : "").append(string(key)).append('=').append(value(t.get(List.of(key))));
        }
        return out.append('}').toString();
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return string(s);
        }
        if (v instanceof TomlTable t) {
            return inline(t);
        }
        if (v instanceof TomlArray a) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < a.size(); i++) {
                out.append(i > 0 ? "," : "").append(value(a.get(i)));
            }
            return out.append(']').toString();
        }
        return String.valueOf(v);
    }

    /** A TOML basic string: quotes, backslashes and control characters escaped. */
    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
