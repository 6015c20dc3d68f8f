package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.StoredSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Spending over time on a real store: an agent is recorded when its totals grew, unknown agents never. */
class UsageLedgerTest {
    @TempDir
    Path dir;

    private static Map<String, Object> view(long in, long out, Double usd) {
        Map<String, Object> v = new HashMap<>(Map.of("known", true, "input_tokens", in, "cache_write_tokens", 0L,
                "cache_read_tokens", 0L, "output_tokens", out));
        v.put("usd", usd);
        return v;
    }

    @Test
    void eachAgentIsRecordedWhenItsTotalsGrewAndOnlyThen() {
        try (SqliteStateStore store = StoredSession.open(dir.resolve("state.db"), "s1")) {
            SessionRecord s = store.session("s1").orElseThrow();
            Map<String, Map<String, Object>> now = new LinkedHashMap<>();
            now.put("w01", view(100, 20, 0.0006));
            now.put("w02", Map.of("known", false, "reason", "the demo agent keeps no records"));
            now.put("lead", view(300, 60, null));
            UsageLedger ledger = new UsageLedger(s, store, () -> now);

            ledger.look();
            ledger.look();
            now.put("w01", view(200, 40, 0.0012));
            ledger.look();
            ledger.look();

            List<String> recorded = store.events("s1").stream().filter(e -> e.kind().equals("usage_recorded"))
                    .map(EventRecord::data).toList();
            assertEquals(List.of("{\"who\":\"w01\",\"used\":120,\"usd\":6.0E-4}",
                    "{\"who\":\"lead\",\"used\":360,\"usd\":null}",
                    "{\"who\":\"w01\",\"used\":240,\"usd\":0.0012}"), recorded);
        }
    }
}
