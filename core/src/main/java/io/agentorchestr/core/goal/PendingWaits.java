package io.agentorchestr.core.goal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Waits as futures, not threads: each pending wait is a condition checked on every change of its
 * owner and completed from there, or by its timeout. The owner's lock guards them: {@link #register}
 * and {@link #wake} are called holding it, and the completions they return run after it is released.
 * A wait whose client goes away (its future cancelled) is forgotten.
 */
final class PendingWaits {
    /** Pending waits at once; past this a wait is refused with a clear error instead of queueing. */
    static final int MAX = 1000;

    /** A pending wait: under the owner's lock, says whether its condition now holds. */
    interface Waiter {
        /** The completion to run (outside the lock) when satisfied, else null. */
        Runnable check();

        /** The completion to run when its time is up. */
        Runnable expire();
    }

    private final Object lock;
    private final WaitTimer timer;
    private final List<Waiter> waiters = new ArrayList<>();

    PendingWaits(Object lock, WaitTimer timer) {
        this.lock = lock;
        this.timer = timer;
    }

    /** Adds {@code waiter} for {@code result}, ended by {@code timeout}; the caller holds the owner's lock. */
    <T> void register(CompletableFuture<T> result, Waiter waiter, Duration timeout) {
        if (waiters.size() >= MAX) {
            throw new ToolError(waiters.size() + " waits are already pending in this session, the most it keeps "
                    + "at once; cancel some (or let them time out) and wait again, or use list_workers");
        }
        waiters.add(waiter);
        Runnable cancelTimer = timer.after(timeout, () -> {
            Runnable expired;
            synchronized (lock) {
                if (!waiters.remove(waiter)) {
                    return;
                }
                expired = waiter.expire();
            }
            expired.run();
        });
        result.whenComplete((r, e) -> {
            cancelTimer.run();
            synchronized (lock) {
                waiters.remove(waiter);
            }
        });
    }

    /** Checks every pending wait; returns the completions to run once the lock is released. */
    List<Runnable> wake() {
        List<Runnable> woken = new ArrayList<>();
        waiters.removeIf(w -> {
            Runnable done = w.check();
            if (done != null) {
                woken.add(done);
            }
            return done != null;
        });
        return woken;
    }

    int size() {
        return waiters.size();
    }

    /** Forgets every pending wait without completing it. */
    void clear() {
        waiters.clear();
    }
}
