package io.agentorchestr.dashboard;

import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.store.StoreReader;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * New events of every session, as sessions (other processes) append them to the store: the store's
 * directory is watched, so a write wakes the feed at once; a check every second covers a missed wake.
 * Each subscriber gets its own bounded queue; one that falls too far behind is dropped, and its page
 * reconnects from its last event id.
 */
final class EventFeed implements AutoCloseable {
    private static final int BATCH = 500;
    static final int QUEUE = 10_000;

    private final StoreReader store;
    private final List<BlockingQueue<EventRecord>> subscribers = new CopyOnWriteArrayList<>();
    private final Semaphore wake = new Semaphore(0);
    private final Runnable unwatch;
    private final Thread thread;
    private volatile boolean closed;
    private long last;

    EventFeed(StoreReader store, FileChanges changes) {
        this.store = store;
        this.last = store.lastSeq();
        Path dir = store.file().toAbsolutePath().getParent();
        this.unwatch = changes.onChange(dir, wake::release);
        this.thread = new Thread(this::run, "dashboard-event-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** A queue that receives every event appended from now on; {@link #unsubscribe} it when done. */
    BlockingQueue<EventRecord> subscribe() {
        BlockingQueue<EventRecord> q = new LinkedBlockingQueue<>(QUEUE);
        subscribers.add(q);
        return q;
    }

    void unsubscribe(BlockingQueue<EventRecord> q) {
        subscribers.remove(q);
    }

    /** Whether {@code q} is still fed (false once it fell behind and was dropped). */
    boolean subscribed(BlockingQueue<EventRecord> q) {
        return subscribers.contains(q);
    }

    private void run() {
        while (!closed) {
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
                List<EventRecord> batch;
                do {
                    batch = store.events(null, last, BATCH);
                    for (EventRecord e : batch) {
                        last = e.seq();
                        for (BlockingQueue<EventRecord> q : subscribers) {
                            if (!q.offer(e)) {
                                subscribers.remove(q);
                            }
                        }
                    }
                } while (batch.size() == BATCH);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The store is busy or being migrated: the next wake tries again.
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        unwatch.run();
        thread.interrupt();
    }
}
