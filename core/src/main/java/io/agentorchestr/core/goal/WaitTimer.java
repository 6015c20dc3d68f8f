package io.agentorchestr.core.goal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One daemon thread per session that ends pending waits when their time is up. */
final class WaitTimer implements AutoCloseable {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wait-timer");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code action} after {@code delay}; the returned handle cancels it. */
    Runnable after(Duration delay, Runnable action) {
        try {
            ScheduledFuture<?> f = scheduler.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            action.run();  // the session is ending: the wait ends now
            return () -> { };
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
