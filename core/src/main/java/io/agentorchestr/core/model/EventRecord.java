package io.agentorchestr.core.model;

import java.time.Instant;

/** One row of a session's append-only audit log; {@code data} is JSON with secrets redacted. */
public record EventRecord(long seq, String sessionId, String workerId, Instant at, String kind, String data) {
}
