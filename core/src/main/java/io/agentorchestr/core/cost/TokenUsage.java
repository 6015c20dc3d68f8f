package io.agentorchestr.core.cost;

/**
 * Tokens an agent's records say its model calls used, in one shape for every agent: input not read
 * from a cache, input written to and read from the prompt cache, output (reasoning included, as the
 * APIs count it) and the reasoning part of it; {@code model} is the last model named.
 */
public record TokenUsage(String model, long input, long cacheWrite, long cacheRead, long output, long reasoning) {
    public static final TokenUsage NONE = new TokenUsage(null, 0, 0, 0, 0, 0);

    public TokenUsage plus(TokenUsage o) {
        return new TokenUsage(o.model != null ? o.model : model, input + o.input, cacheWrite + o.cacheWrite,
                cacheRead + o.cacheRead, output + o.output, reasoning + o.reasoning);
    }

    public long total() {
        return input + cacheWrite + cacheRead + output;
    }
}
