package io.agentorchestr.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;

/** One row of a session's append-only audit log; {@code data} is JSON with secrets redacted. */
public record EventRecord(long seq, String sessionId, String workerId, Instant at, String kind, String data) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code data} parsed; an empty object when it cannot be read (a row written by hand or cut): its
     * fields are then missing, which every reader already handles.
     */
    public JsonNode json() {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException | IllegalArgumentException unreadable) {
            return JSON.createObjectNode();
        }
    }
}
