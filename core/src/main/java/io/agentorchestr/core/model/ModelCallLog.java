package io.agentorchestr.core.model;

import java.time.Instant;

/**
 * Port to the count of calls made to each hosted model provider, across sessions and processes, so the
 * free tiers' request limits (per minute, per day) are kept before a provider refuses.
 */
public interface ModelCallLog {
    void record(String provider, Instant at);

    long since(String provider, Instant from);
}
