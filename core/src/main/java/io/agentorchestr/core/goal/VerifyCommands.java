package io.agentorchestr.core.goal;

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

    public VerifyCommands {
        commands = List.copyOf(commands);
    }

    public static VerifyCommands load(Path projectRoot) {
        Optional<TomlParseResult> toml = ProjectConfig.load(projectRoot);
        TomlArray array = toml.map(t -> t.getArray("verify.commands")).orElse(null);
        if (array != null) {
            List<String> commands = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                commands.add(String.valueOf(array.get(i)));
            }
            Long seconds = toml.get().getLong("verify.timeout_s");
            return new VerifyCommands(commands, seconds == null ? DEFAULT_TIMEOUT : Duration.ofSeconds(seconds),
                    ProjectConfig.file(projectRoot).toString());
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
