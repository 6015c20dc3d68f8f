package io.agentorchestr.core.context;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.config.ProjectConfig;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The project's verify commands: {@code [verify] commands = [...]} in {@code .agentorchestr/config.toml},
 * else the fenced block under {@code ## How to verify} in {@code .agentorchestr/PROJECT.md}.
 *
 * @param source where they came from, for reports
 */
public record VerifyCommands(List<String> commands, Duration timeout, String source) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    private static final long MAX_TIMEOUT_S = 7 * 24 * 3600;

    public VerifyCommands {
        commands = List.copyOf(commands);
    }

    public static VerifyCommands load(Path projectRoot) {
        Optional<TomlParseResult> toml = ProjectConfig.load(projectRoot);
        Object value = toml.map(t -> t.get("verify.commands")).orElse(null);
        String file = ProjectConfig.file(projectRoot).toString();
        if (value != null) {
            if (!(value instanceof TomlArray array)) {
                throw wrong(file, "[verify] commands must be a list of shell commands, like commands = [\"mvn -q "
                        + "verify\"]");
            }
            List<String> commands = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof String c) || c.isBlank()) {
                    throw wrong(file, "[verify] commands item " + (i + 1) + " must be a non-empty string (a shell "
                            + "command)");
                }
                commands.add(c);
            }
            Object seconds = toml.get().get("verify.timeout_s");
            if (seconds != null && !(seconds instanceof Long n && n >= 1 && n <= MAX_TIMEOUT_S)) {
                throw wrong(file, "[verify] timeout_s must be a whole number of seconds from 1 to " + MAX_TIMEOUT_S);
            }
            return new VerifyCommands(commands, seconds == null ? DEFAULT_TIMEOUT : Duration.ofSeconds((Long) seconds),
                    file);
        }
        Path project = projectRoot.resolve(ProjectConfig.DIR).resolve("PROJECT.md");
        if (Files.isRegularFile(project)) {
            try {
                List<String> commands = fromMarkdown(Files.readString(project, StandardCharsets.UTF_8));
                if (!commands.isEmpty()) {
                    return new VerifyCommands(commands, DEFAULT_TIMEOUT, project + " (## How to verify)");
                }
            } catch (IOException e) {
                throw AgentorchestrException.error("cannot read " + project + ": " + e.getMessage(), e);
            }
        }
        return new VerifyCommands(List.of(), DEFAULT_TIMEOUT, "none");
    }

    private static AgentorchestrException wrong(String file, String what) {
        return AgentorchestrException.usage(what + "; fix it in " + file);
    }

    /** The lines of the first fenced block after a "How to verify" heading; comments and blanks skipped. */
    static List<String> fromMarkdown(String markdown) {
        List<String> commands = new ArrayList<>();
        boolean inSection = false;
        boolean inFence = false;
        for (String line : markdown.split("\n")) {
            String t = line.strip();
            if (!inFence && t.startsWith("#")) {
                if (inSection && !commands.isEmpty()) {
                    break;
                }
                inSection = t.replaceFirst("^#+", "").strip().equalsIgnoreCase("how to verify");
                continue;
            }
            if (inSection && t.startsWith("```")) {
                if (inFence) {
                    break;
                }
                inFence = true;
                continue;
            }
            if (inFence && !t.isEmpty() && !t.startsWith("#")) {
                commands.add(t);
            }
        }
        return commands;
    }
}
