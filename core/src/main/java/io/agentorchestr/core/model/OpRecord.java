package io.agentorchestr.core.model;

import java.time.Instant;

/** A multi-step operation (spawn, merge, ...) of a session; {@code outcome} is null until it finishes. */
public record OpRecord(long id, String sessionId, String kind, String detail, String outcome,
                       Instant startedAt, Instant finishedAt) {
}
