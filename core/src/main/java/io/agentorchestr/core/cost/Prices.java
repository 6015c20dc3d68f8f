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
 * What a model's tokens cost, in USD per million tokens: a dated snapshot of LiteLLM's price list
 * shipped as a resource (prices.json: the source commit, the fields used), under the project's
 * config.toml ({@code [prices."MODEL"]} with input, output, and optionally cache_write and cache_read,
 * which default to input), which wins. A model without a price has tokens but no cost: "price unknown".
 */
public final class Prices {
    public static final Prices NONE = new Prices(Map.of());
    private static final Snapshot SNAPSHOT = Snapshot.read();

    /** The shipped snapshot: its date, where it comes from, and its prices. */
    public record Snapshot(String date, String source, Map<String, Price> prices) {
        private static Snapshot read() {
            try (java.io.InputStream in = Prices.class.getResourceAsStream("prices.json")) {
                com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(in);
                Map<String, Price> prices = new HashMap<>();
                doc.path("models").fields().forEachRemaining(e -> {
                    com.fasterxml.jackson.databind.JsonNode p = e.getValue();
                    double input = p.path("input_cost_per_token").asDouble() * 1e6;
                    prices.put(e.getKey(), new Price(input, p.path("output_cost_per_token").asDouble() * 1e6,
                            p.path("cache_creation_input_token_cost").asDouble(input / 1e6) * 1e6,
                            p.path("cache_read_input_token_cost").asDouble(input / 1e6) * 1e6));
                });
                return new Snapshot(doc.path("snapshot").asText(), doc.path("source").asText(), Map.copyOf(prices));
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalStateException("the shipped price snapshot cannot be read", e);
            }
        }
    }

    public static Snapshot snapshot() {
        return SNAPSHOT;
    }

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

    /** The snapshot's prices with the project's on top. */
    public static Prices load(Path projectRoot) {
        Optional<TomlParseResult> toml = ProjectConfig.load(projectRoot);
        TomlTable table = toml.map(t -> t.getTable("prices")).orElse(null);
        Map<String, Price> prices = new HashMap<>(SNAPSHOT.prices());
        if (table == null) {
            return new Prices(prices);
        }
        String file = ProjectConfig.file(projectRoot).toString();
        for (String model : table.keySet()) {
            // A model's name is one key, dots and all ("gpt-5.1"), never a dotted path.
            if (!(table.get(java.util.List.of(model)) instanceof TomlTable p)) {
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

    /** The USD the usage cost (the agent's own figure when it keeps one), or empty when its model has no price. */
    public Optional<Double> usd(TokenUsage u) {
        if (u.cost() != null) {
            return Optional.of(u.cost());  // the agent's own figure (OpenCode), used as it is
        }
        return Optional.ofNullable(u.model() == null ? null : byModel.get(u.model())).map(p -> p.usd(u));
    }
}
