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
 * which default to input, cache_write_1h, which defaults to cache_write, and an above_200k table of the
 * same keys), which wins. A model without a price has tokens but no cost: "price unknown".
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
                doc.path("models").fields().forEachRemaining(e -> prices.put(e.getKey(), Price.of(e.getValue())));
                return new Snapshot(doc.path("snapshot").asText(), doc.path("source").asText(), Map.copyOf(prices));
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalStateException("the shipped price snapshot cannot be read", e);
            }
        }
    }

    public static Snapshot snapshot() {
        return SNAPSHOT;
    }

    /**
     * USD per million tokens of each kind; {@code cacheWrite1h} for cache writes kept an hour;
     * {@code above}, when the model has them, the prices of a whole request whose prompt passed 200k
     * tokens (null otherwise).
     */
    public record Price(double input, double output, double cacheWrite, double cacheRead, double cacheWrite1h,
                        Price above) {
        public Price(double input, double output, double cacheWrite, double cacheRead) {
            this(input, output, cacheWrite, cacheRead, cacheWrite, null);
        }

        /** A LiteLLM entry (USD per token): missing cache prices are the input's, the 1-hour write the write's. */
        static Price of(com.fasterxml.jackson.databind.JsonNode p) {
            Price base = perToken(p, "");
            if (!p.has("input_cost_per_token_above_200k_tokens")) {
                return base;
            }
            Price above = perToken(p, "_above_200k_tokens");
            double cacheWrite1h = p.path("cache_creation_input_token_cost_above_1hr_above_200k_tokens")
                    .asDouble(above.cacheWrite / 1e6) * 1e6;
            return new Price(base.input, base.output, base.cacheWrite, base.cacheRead, base.cacheWrite1h,
                    new Price(above.input, above.output, above.cacheWrite, above.cacheRead, cacheWrite1h, null));
        }

        private static Price perToken(com.fasterxml.jackson.databind.JsonNode p, String tier) {
            double input = p.path("input_cost_per_token" + tier).asDouble();
            double cacheWrite = p.path("cache_creation_input_token_cost" + tier).asDouble(input);
            double write1h = tier.isEmpty() ? p.path("cache_creation_input_token_cost_above_1hr").asDouble(cacheWrite)
                    : cacheWrite;
            return new Price(input * 1e6, p.path("output_cost_per_token" + tier).asDouble(
                    p.path("output_cost_per_token").asDouble()) * 1e6, cacheWrite * 1e6,
                    p.path("cache_read_input_token_cost" + tier).asDouble(input) * 1e6, write1h * 1e6, null);
        }

        double usd(TokenUsage u) {
            double micro = at(u, this);
            if (above != null) {
                for (TokenUsage large : u.large()) {
                    micro += at(large, above) - at(large, this);  // the whole request at the higher prices
                }
            }
            return micro / 1_000_000.0;
        }

        private static double at(TokenUsage u, Price p) {
            return u.input() * p.input + u.output() * p.output + (u.cacheWrite() - u.cacheWrite1h()) * p.cacheWrite
                    + u.cacheWrite1h() * p.cacheWrite1h + u.cacheRead() * p.cacheRead;
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
            prices.put(model, configured(file, model, p));
        }
        return new Prices(prices);
    }

    /** A [prices."MODEL"] table: input and output, optional cache prices, optional above_200k table. */
    private static Price configured(String file, String model, TomlTable p) {
        double input = number(file, model, p, "input", null);
        double cacheWrite = number(file, model, p, "cache_write", input);
        Price above = null;
        Object tier = p.get(java.util.List.of("above_200k"));
        if (tier instanceof TomlTable t) {
            above = configured(file, model + "\".above_200k", t);
        } else if (tier != null) {
            throw AgentorchestrException.usage(file + ": [prices.\"" + model + "\"] above_200k must be a table with "
                    + "input = and output = (USD per million tokens, for requests whose prompt passed 200k tokens)");
        }
        return new Price(input, number(file, model, p, "output", null), cacheWrite,
                number(file, model, p, "cache_read", input), number(file, model, p, "cache_write_1h", cacheWrite), above);
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
