package io.agentorchestr.core.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokens an agent's records say its model calls used, in one shape for every agent: input not read
 * from a cache, input written to and read from the prompt cache, output (reasoning included, as the
 * APIs count it) and the reasoning part of it; {@code model} is the last model named; {@code cost} is
 * the agent's own figure in USD where it keeps one (OpenCode), else null. {@code cacheWrite1h} is the
 * part of the cache writes kept for an hour (priced higher than the 5-minute ones), and {@code large}
 * the responses whose prompt passed {@link #LARGE_PROMPT} tokens, each on its own (they are in the
 * totals too; some models price all of such a request higher).
 */
public record TokenUsage(String model, long input, long cacheWrite, long cacheRead, long output, long reasoning,
                         Double cost, long cacheWrite1h, List<TokenUsage> large) {
    /** Where the "above 200k tokens" prices start: a request's whole prompt, cached parts included. */
    public static final long LARGE_PROMPT = 200_000;
    public static final TokenUsage NONE = new TokenUsage(null, 0, 0, 0, 0, 0);

    public TokenUsage {
        large = List.copyOf(large);
    }

    public TokenUsage(String model, long input, long cacheWrite, long cacheRead, long output, long reasoning) {
        this(model, input, cacheWrite, cacheRead, output, reasoning, null, 0, List.of());
    }

    /** One response's usage, which counts among the {@link #large} ones when its prompt passed the mark. */
    public static TokenUsage response(String model, long input, long cacheWrite, long cacheRead, long output,
                                      long reasoning, long cacheWrite1h) {
        TokenUsage one = new TokenUsage(model, input, cacheWrite, cacheRead, output, reasoning, null, cacheWrite1h,
                List.of());
        return input + cacheWrite + cacheRead > LARGE_PROMPT ? one.withLarge(List.of(one)) : one;
    }

    public TokenUsage plus(TokenUsage o) {
        List<TokenUsage> both = new ArrayList<>(large);
        both.addAll(o.large);
        return new TokenUsage(o.model != null ? o.model : model, input + o.input, cacheWrite + o.cacheWrite,
                cacheRead + o.cacheRead, output + o.output, reasoning + o.reasoning,
                cost == null && o.cost == null ? null : (cost == null ? 0 : cost) + (o.cost == null ? 0 : o.cost),
                cacheWrite1h + o.cacheWrite1h, both);
    }

    /** The same tokens with the agent's own cost figure. */
    public TokenUsage withCost(double usd) {
        return new TokenUsage(model, input, cacheWrite, cacheRead, output, reasoning, usd, cacheWrite1h, large);
    }

    private TokenUsage withLarge(List<TokenUsage> responses) {
        return new TokenUsage(model, input, cacheWrite, cacheRead, output, reasoning, cost, cacheWrite1h, responses);
    }

    public long total() {
        return input + cacheWrite + cacheRead + output;
    }
}
