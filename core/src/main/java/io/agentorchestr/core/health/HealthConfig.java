package io.agentorchestr.core.health;

import io.agentorchestr.core.model.RecoveryStep;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the health policy from {@code [health]} and {@code [circuit_breaker]} in the project's
 * {@code .agentorchestr/config.toml}; keys left out keep {@link HealthPolicy#DEFAULT}'s values.
 */
public final class HealthConfig {
    private HealthConfig() {
    }

    public static HealthPolicy load(Path projectRoot) {
        return ProjectConfig.load(projectRoot).map(t -> fromToml(t, ProjectConfig.file(projectRoot)))
                .orElse(HealthPolicy.DEFAULT);
    }

    static HealthPolicy fromToml(TomlParseResult t, Path file) {
        HealthPolicy d = HealthPolicy.DEFAULT;
        try {
            return new HealthPolicy(seconds(t, "health.hung_after_s", d.hungAfter()), steps(t, d.onHung()),
                    (int) number(t, "health.max_restarts", d.maxRestarts()),
                    seconds(t, "health.idle_after_s", d.idleAfter()),
                    (int) number(t, "circuit_breaker.failures", d.breakerFailures()),
                    seconds(t, "circuit_breaker.cooldown_s", d.breakerCooldown()));
        } catch (IllegalArgumentException e) {
            throw AgentorchestrException.usage("invalid health settings in " + file + ": " + e.getMessage());
        }
    }

    private static Duration seconds(TomlParseResult t, String key, Duration fallback) {
        long n = number(t, key, fallback.toSeconds());
        return Duration.ofSeconds(n);
    }

    private static long number(TomlParseResult t, String key, long fallback) {
        if (!t.contains(key)) {
            return fallback;
        }
        if (!t.isLong(key)) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
        return t.getLong(key);
    }

    private static List<RecoveryStep> steps(TomlParseResult t, List<RecoveryStep> fallback) {
        if (!t.contains("health.on_hung")) {
            return fallback;
        }
        TomlArray array = t.getArray("health.on_hung");
        if (array == null) {
            throw new IllegalArgumentException("health.on_hung must be an array like [\"nudge\", \"interrupt\", "
                    + "\"restart\"]");
        }
        List<RecoveryStep> steps = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            steps.add(RecoveryStep.parse(String.valueOf(array.get(i))));
        }
        return steps;
    }
}
