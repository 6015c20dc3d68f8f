package io.agentorchestr.core.model;

import java.time.Instant;

/**
 * Told of each event a store appends, once it is stored, on the appending thread: for adapters that
 * follow a session as it happens (OpenTelemetry). It must return quickly and must not append.
 */
@FunctionalInterface
public interface EventObserver {
    void stored(String sessionId, SessionEvent event, Instant at);
}
