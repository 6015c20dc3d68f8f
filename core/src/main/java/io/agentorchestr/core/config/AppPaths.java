package io.agentorchestr.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where agentorchestr keeps things, following XDG (SPEC §15). Every path can be overridden by an
 * environment variable so tests never touch the real home. A legacy {@code ~/.agentorchestr} is used
 * for data and config when it exists and the XDG directory does not: we never move users' data.
 *
 * @param config   user configuration (agents.toml overrides, hooks, trust store)
 * @param data     state.db, worktrees, skills
 * @param state    per-session directories (prompts, pane logs), 0700
 * @param runtime  sockets and discovery cards, if the platform has a runtime dir
 */
public record AppPaths(Path config, Path data, Path state, Optional<Path> runtime) {

    public static AppPaths fromEnvironment(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        Path legacy = home.resolve(".agentorchestr");
        Path config = dir(env, "AGENTORCHESTR_CONFIG_DIR", "XDG_CONFIG_HOME", home.resolve(".config"), legacy);
        Path data = dir(env, "AGENTORCHESTR_DATA_DIR", "XDG_DATA_HOME", home.resolve(".local/share"), legacy);
        Path state = dir(env, "AGENTORCHESTR_STATE_DIR", "XDG_STATE_HOME", home.resolve(".local/state"), null);
        Optional<Path> runtime = Optional.ofNullable(env.get("XDG_RUNTIME_DIR"))
                .filter(s -> !s.isBlank()).map(Path::of);
        return new AppPaths(config, data, state, runtime);
    }

    private static Path dir(Map<String, String> env, String override, String xdg, Path xdgDefault, Path legacy) {
        String explicit = env.get(override);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String base = env.get(xdg);
        Path xdgDir = (base != null && !base.isBlank() ? Path.of(base) : xdgDefault).resolve("agentorchestr");
        if (legacy != null && !Files.exists(xdgDir) && Files.isDirectory(legacy)) {
            return legacy;
        }
        return xdgDir;
    }

    public Path stateDb() {
        return data.resolve("state.db");
    }

    public Path worktrees() {
        return data.resolve("worktrees");
    }

    public Path sessionDir(String sessionId) {
        return state.resolve("sessions").resolve(sessionId);
    }

    public Path userAgentsFile() {
        return config.resolve("agents.toml");
    }
}
