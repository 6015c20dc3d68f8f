package io.agentorchestr.core.hooks;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The hooks of a project: the user's global {@code hooks.json} and then the project's, merged (the
 * global ones run first for each event), and how long each may run ({@code [hooks] timeout_s} in
 * the project's config.toml, 30 s by default).
 */
public record HookSet(List<HookCommand> commands, Duration timeout) {
    public static final HookSet NONE = new HookSet(List.of(), Hooks.DEFAULT_TIMEOUT);
    public static final String FILE_NAME = "hooks.json";
    private static final long MAX_TIMEOUT_S = 3_600;

    public HookSet {
        commands = List.copyOf(commands);
    }

    /** The project's hooks file. */
    public static Path projectFile(Path projectRoot) {
        return projectRoot.resolve(ProjectConfig.DIR).resolve(FILE_NAME);
    }

    /** Reads both files and the timeout; an invalid file or setting is refused here, before anything starts. */
    public static HookSet load(Path configDir, Path projectRoot) {
        List<HookCommand> all = new ArrayList<>(HookFile.read(configDir.resolve(FILE_NAME)));
        all.addAll(HookFile.read(projectFile(projectRoot)));
        return new HookSet(all, timeout(projectRoot));
    }

    private static Duration timeout(Path projectRoot) {
        return ProjectConfig.load(projectRoot).filter(t -> t.contains("hooks.timeout_s")).map(t -> {
            Long n = t.isLong("hooks.timeout_s") ? t.getLong("hooks.timeout_s") : null;
            if (n == null || n < 1 || n > MAX_TIMEOUT_S) {
                throw AgentorchestrException.usage("[hooks] timeout_s in " + ProjectConfig.file(projectRoot)
                        + " must be a whole number of seconds from 1 to " + MAX_TIMEOUT_S + ", not "
                        + t.get("hooks.timeout_s"));
            }
            return Duration.ofSeconds(n);
        }).orElse(Hooks.DEFAULT_TIMEOUT);
    }

    public List<HookCommand> of(HookEvent event) {
        return commands.stream().filter(c -> c.event() == event).toList();
    }

    public boolean isEmpty() {
        return commands.isEmpty();
    }
}
