package io.agentorchestr.core.cost;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A worker's usage as readers see it ("usage" in the one worker view): tokens, model and USD, or unknown. */
public final class UsageView {
    private UsageView() {
    }

    public static Map<String, Object> of(Optional<TokenUsage> usage, Prices prices) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("known", usage.isPresent());
        if (usage.isEmpty()) {
            m.put("why", "agentorchestr cannot read this agent's usage records");
            return m;
        }
        TokenUsage u = usage.get();
        m.put("model", u.model());
        m.put("input_tokens", u.input());
        m.put("cache_write_tokens", u.cacheWrite());
        m.put("cache_read_tokens", u.cacheRead());
        m.put("output_tokens", u.output());
        m.put("reasoning_tokens", u.reasoning());
        Optional<Double> usd = prices.usd(u);
        m.put("usd", usd.orElse(null));
        if (usd.isEmpty()) {
            m.put("price", "unknown");
        }
        return m;
    }
}
