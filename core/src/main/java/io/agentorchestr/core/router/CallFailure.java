package io.agentorchestr.core.router;

import java.time.Duration;

/**
 * One call to a provider that gave no answer: why, whether another provider may do better
 * ({@code moveOn}), and how long it asked to be left alone ({@code retryAfter}, a 429's or 503's).
 */
final class CallFailure extends RuntimeException {
    private final boolean moveOn;
    private final Duration retryAfter;
    private final int status;

    CallFailure(String message, boolean moveOn) {
        this(message, moveOn, null, 0);
    }

    CallFailure(String message, boolean moveOn, Duration retryAfter, int status) {
        super(message);
        this.moveOn = moveOn;
        this.retryAfter = retryAfter;
        this.status = status;
    }

    boolean moveOn() {
        return moveOn;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    int status() {
        return status;
    }
}
