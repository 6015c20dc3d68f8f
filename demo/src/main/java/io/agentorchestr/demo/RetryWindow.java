package io.agentorchestr.demo;

import java.time.Duration;

/**
 * How long a failed tool call keeps being retried: for a while after it first failed, however long
 * the call had been waiting before (a wait_for_any of 20 minutes, then a pause of 9).
 */
final class RetryWindow {
    private final long lengthNanos;
    private long deadline;
    private boolean open;

    RetryWindow(Duration length) {
        this.lengthNanos = length.toNanos();
    }

    /** Records a failure at {@code nowNanos}; true once retrying should stop. */
    boolean failedAt(long nowNanos) {
        if (!open) {
            open = true;
            deadline = nowNanos + lengthNanos;
            return false;
        }
        return nowNanos - deadline > 0;
    }
}
