package io.agentorchestr.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message as every reader outside the engine sees it, with one set of field names: read_inbox,
 * send_message's answer, {@code --messages --json} and the dashboard. The body is shown as the reader
 * needs ({@link ShownText}).
 */
public final class MessageView {
    private MessageView() {
    }

    public static Map<String, Object> of(MessageRecord m, ShownText text) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", m.id());
        v.put("seq", m.seq());
        v.put("from", m.sender());
        v.put("from_attempt", m.senderAttempt());
        v.put("to", m.to());
        v.put("recipients", m.recipients().stream().map(r -> Map.of("id", r.id(), "attempt", r.attempt())).toList());
        v.put("type", m.type().label());
        v.put("body", text.apply(m.body()));
        v.put("thread_id", m.threadId());
        v.put("reply_to", m.replyTo());
        v.put("priority", m.priority());
        v.put("created_at", m.createdAt() == null ? null : m.createdAt().toString());
        return v;
    }
}
