package io.agentorchestr.core.config;

import io.agentorchestr.core.error.AgentorchestrException;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The project's {@code .agentorchestr/config.toml}, parsed; a syntax error names the file and the line. */
public final class ProjectConfig {
    /** The project's own agentorchestr directory, at the repository root. */
    public static final String DIR = ".agentorchestr";

    private ProjectConfig() {
    }

    public static Path file(Path projectRoot) {
        return projectRoot.resolve(DIR).resolve("config.toml");
    }

    /** The parsed file, or empty when the project has none. */
    public static Optional<TomlParseResult> load(Path projectRoot) {
        return loadFile(file(projectRoot));
    }

    /** A config.toml parsed (the project's, or the user's in the config directory), or empty when there is none. */
    public static Optional<TomlParseResult> loadFile(Path config) {
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        TomlParseResult toml;
        try {
            toml = Toml.parse(Files.readString(config, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot read " + config + ": " + e.getMessage(), e);
        }
        if (toml.hasErrors()) {
            throw AgentorchestrException.usage("invalid TOML in " + config + ": " + toml.errors().get(0));
        }
        return Optional.of(toml);
    }
}
