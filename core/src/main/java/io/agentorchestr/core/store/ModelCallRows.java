package io.agentorchestr.core.store;

import io.agentorchestr.core.model.ModelCallLog;

import java.time.Duration;
import java.time.Instant;

import static io.agentorchestr.core.store.RecordRows.str;

/** The model calls in the session store; rows older than a day are dropped as new ones come. */
final class ModelCallRows implements ModelCallLog {
    /** The longest window a limit counts over. */
    private static final Duration KEPT = Duration.ofDays(1);

    private final SqlRows rows;
    private final Object lock;

    ModelCallRows(SqlRows rows, Object lock) {
        this.rows = rows;
        this.lock = lock;
    }

    @Override
    public void record(String provider, Instant at) {
        synchronized (lock) {
            rows.update("DELETE FROM model_calls WHERE at < ?", str(at.minus(KEPT)));
            rows.insert("INSERT INTO model_calls (provider, at) VALUES (?, ?)", provider, str(at));
        }
    }

    @Override
    public long since(String provider, Instant from) {
        synchronized (lock) {
            return rows.query("SELECT count(*) FROM model_calls WHERE provider = ? AND at >= ?", r -> r.getLong(1),
                    provider, str(from)).get(0);
        }
    }
}
