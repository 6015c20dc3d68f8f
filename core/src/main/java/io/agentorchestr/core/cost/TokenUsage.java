package io.agentorchestr.core.cost;

/**
 * Tokens an agent's records say its model calls used, in one shape for every agent: input not read
 * from a cache, input written to and read from the prompt cache, output (reasoning included, as the
 * APIs count it) and the reasoning part of it; {@code model} is the last model named; {@code cost} is
 * the agent's own figure in USD where it keeps one (OpenCode), else null.
 */
public record TokenUsage(String model, long input, long cacheWrite, long cacheRead, long output, long reasoning,
                         Double cost) {
    public static final TokenUsage NONE = new TokenUsage(null, 0, 0, 0, 0, 0);

    public TokenUsage(String model, long input, long cacheWrite, long cacheRead, long output, long reasoning) {
        this(model, input, cacheWrite, cacheRead, output, reasoning, null);
    }

    public TokenUsage plus(TokenUsage o) {
        return new TokenUsage(o.model != null ? o.model : model, input + o.input, cacheWrite + o.cacheWrite,
                cacheRead + o.cacheRead, output + o.output, reasoning + o.reasoning,
                cost == null && o.cost == null ? null : (cost == null ? 0 : cost) + (o.cost == null ? 0 : o.cost));
    }

    /** The same tokens with the agent's own cost figure. */
    public TokenUsage withCost(double usd) {
        return new TokenUsage(model, input, cacheWrite, cacheRead, output, reasoning, usd);
    }

    public long total() {
        return input + cacheWrite + cacheRead + output;
    }
}
