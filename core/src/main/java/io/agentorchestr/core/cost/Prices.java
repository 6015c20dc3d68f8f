package io.agentorchestr.core.cost;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a model's tokens cost, in USD per million tokens, from the project's config.toml
 * ({@code [prices."MODEL"]} with input, output, and optionally cache_write and cache_read, which
 * default to input). A model without a price has tokens but no cost: "price unknown".
 */
public final class Prices {
    public static final Prices NONE = new Prices(Map.of());

    /** USD per million tokens of each kind. */
    public record Price(double input, double output, double cacheWrite, double cacheRead) {
        double usd(TokenUsage u) {
            return (u.input() * input + u.output() * output + u.cacheWrite() * cacheWrite
                    + u.cacheRead() * cacheRead) / 1_000_000.0;
        }
    }

    private final Map<String, Price> byModel;

    private Prices(Map<String, Price> byModel) {
        this.byModel = Map.copyOf(byModel);
    }

    public static Prices load(Path projectRoot) {
        Optional<TomlParseResult> toml = ProjectConfig.load(projectRoot);
        TomlTable table = toml.map(t -> t.getTable("prices")).orElse(null);
        if (table == null) {
            return NONE;
        }
        String file = ProjectConfig.file(projectRoot).toString();
        Map<String, Price> prices = new HashMap<>();
        for (String model : table.keySet()) {
            if (!(table.get(model) instanceof TomlTable p)) {
                throw AgentorchestrException.usage(file + ": [prices.\"" + model + "\"] must be a table with input = "
                        + "and output = (USD per million tokens)");
            }
            double input = number(file, model, p, "input", null);
            prices.put(model, new Price(input, number(file, model, p, "output", null),
                    number(file, model, p, "cache_write", input), number(file, model, p, "cache_read", input)));
        }
        return new Prices(prices);
    }

    private static double number(String file, String model, TomlTable p, String key, Double fallback) {
        Object v = p.get(key);
        if (v == null && fallback != null) {
            return fallback;
        }
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        if (v instanceof Double d && d >= 0) {
            return d;
        }
        throw AgentorchestrException.usage(file + ": [prices.\"" + model + "\"] " + key + " must be a number of USD "
                + "per million tokens, 0 or more");
    }

    /** The USD the usage cost, or empty when its model has no price. */
    public Optional<Double> usd(TokenUsage u) {
        return Optional.ofNullable(u.model() == null ? null : byModel.get(u.model())).map(p -> p.usd(u));
    }
}
