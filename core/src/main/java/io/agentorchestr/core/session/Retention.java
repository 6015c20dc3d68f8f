package io.agentorchestr.core.session;

import io.agentorchestr.core.model.StateStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the store from growing for ever: a session that ended more than {@code [store] keep_days}
 * ago keeps what it did (its start, spawns, states, merges, verify, its end: what the dashboard and
 * the listings show) and loses its chatter ({@link SessionCleanup#CHATTER}), the bulk of its events.
 * A session that may still resume keeps everything. {@code --clean} also gives the freed space back
 * to the file system.
 */
public final class Retention {
    private final StateStore store;
    private final int keepDays;

    /** @param keepDays 0 keeps everything */
    public Retention(StateStore store, int keepDays) {
        this.store = store;
        this.keepDays = keepDays;
    }

    /** Drops the chatter of sessions that ended more than keep_days before {@code now}; how many events went. */
    public int prune(Instant now) {
        return keepDays == 0 ? 0 : store.dropEventsEndedBefore(now.minus(Duration.ofDays(keepDays)),
                SessionCleanup.CHATTER);
    }

    /** {@link #prune}, then the store compacted: what {@code --clean} reports of the store. */
    List<SessionCleanup.Item> pruneAndCompact(Instant now) {
        List<SessionCleanup.Item> items = new ArrayList<>();
        int dropped = prune(now);
        if (dropped > 0) {
            items.add(new SessionCleanup.Item("*", "events", dropped + " event(s)", true, "chatter of sessions "
                    + "that ended more than " + keepDays + " days ago ([store] keep_days); what they did is kept"));
        }
        long freed;
        try {
            freed = store.compact();
        } catch (RuntimeException e) {
            // Another agentorchestr holds the store open in a transaction (a goal, the dashboard): next time.
            items.add(new SessionCleanup.Item("*", "store", "compaction", false, "the store is busy ("
                    + e.getMessage() + "); it is compacted by a later --clean"));
            return items;
        }
        if (freed > 0) {
            items.add(new SessionCleanup.Item("*", "store", freed / (1024 * 1024) + " MB", true,
                    "space of dropped events given back to the file system"));
        }
        return items;
    }
}
