package io.agentorchestr.core.config;

import io.agentorchestr.core.error.AgentorchestrException;

import java.nio.file.Path;

/** The user's {@code [store]} settings in config.toml (the store is the user's, not a project's). */
public final class StoreConfig {
    public static final int DEFAULT_KEEP_DAYS = 90;

    private StoreConfig() {
    }

    /**
     * For how many days after its end a session keeps its chatter (tool calls, progress lines,
     * signals, messages, hook runs): {@code [store] keep_days} in {@code userConfigDir/config.toml},
     * else 90; 0 keeps it for ever.
     */
    public static int keepDays(Path userConfigDir) {
        Path file = userConfigDir.resolve("config.toml");
        return ProjectConfig.loadFile(file).map(t -> t.get("store.keep_days")).map(v -> {
            if (!(v instanceof Long n) || n < 0 || n > 36_500) {
                throw AgentorchestrException.usage("[store] keep_days in " + file + " must be a whole number of days "
                        + "from 0 (keep everything) to 36500, not " + v);
            }
            return n.intValue();
        }).orElse(DEFAULT_KEEP_DAYS);
    }
}
