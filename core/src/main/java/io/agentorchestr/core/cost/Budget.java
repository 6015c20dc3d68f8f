package io.agentorchestr.core.cost;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import org.tomlj.TomlParseResult;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a session may spend: USD, tokens, or both (null: no cap of that kind); from --budget and
 * --token-budget, else the project's {@code [budget]} (usd = 5.0, tokens = 2000000).
 */
public record Budget(Double usd, Long tokens) {
    public static final Budget NONE = new Budget(null, null);
    /** The share of a cap at which the lead is warned. */
    public static final double WARN_AT = 0.8;

    public Budget {
        if (usd != null && !(usd > 0)) {
            throw AgentorchestrException.usage("a budget in USD must be more than 0, not " + usd);
        }
        if (tokens != null && tokens <= 0) {
            throw AgentorchestrException.usage("a token budget must be more than 0, not " + tokens);
        }
    }

    public boolean any() {
        return usd != null || tokens != null;
    }

    /** The project's [budget] with the command line's caps on top (either may be null). */
    public static Budget of(Path projectRoot, Double usd, Long tokens) {
        Optional<TomlParseResult> toml = ProjectConfig.load(projectRoot);
        String file = ProjectConfig.file(projectRoot).toString();
        Double configUsd = toml.map(t -> t.get("budget.usd")).map(v -> number(file, "usd", v)).orElse(null);
        Long configTokens = toml.map(t -> t.get("budget.tokens")).map(v -> (long) number(file, "tokens", v))
                .orElse(null);
        return new Budget(usd != null ? usd : configUsd, tokens != null ? tokens : configTokens);
    }

    private static double number(String file, String key, Object v) {
        if (v instanceof Long l && l > 0) {
            return l;
        }
        if (v instanceof Double d && d > 0) {
            return d;
        }
        throw AgentorchestrException.usage(file + ": [budget] " + key + " must be a number more than 0");
    }

    /** How much of the tightest cap {@code usd} and {@code tokens} use (0 with no cap). */
    public double used(double spentUsd, long spentTokens) {
        double share = 0;
        if (usd != null) {
            share = Math.max(share, spentUsd / usd);
        }
        if (tokens != null) {
            share = Math.max(share, spentTokens / (double) tokens);
        }
        return share;
    }

    /** "USD 5.00 and 2000000 tokens" for messages. */
    public String describe() {
        String money = usd == null ? null : String.format(Locale.ROOT, "USD %.2f", usd);
        String count = tokens == null ? null : tokens + " tokens";
        return money != null && count != null ? money + " and " + count : money != null ? money : count;
    }
}
