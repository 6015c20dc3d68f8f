package io.agentorchestr.core.model;

import java.time.Instant;
import java.util.List;

/**
 * One message between the lead and the workers, as stored: append-only, numbered per session
 * ({@code seq}), with who sent it in which incarnation ({@code senderAttempt}: a worker's attempt, the
 * lead's launch) and who it reached ({@code recipients}, each with its incarnation when it was sent).
 *
 * @param to        the address as given: a worker id, {@code lead}, {@code all} or {@code role:NAME}
 * @param threadId  the conversation it belongs to: its own id, or the thread of the message it replies to
 * @param priority  {@code normal} or {@code high} (said in the notice an agent gets)
 */
public record MessageRecord(String sessionId, long seq, String id, String sender, int senderAttempt, String to,
                            List<Recipient> recipients, MessageType type, String body, String threadId,
                            String replyTo, String priority, Instant createdAt) {
    public MessageRecord {
        recipients = List.copyOf(recipients);
    }

    /** One recipient of a message, in the incarnation it had when the message was sent. */
    public record Recipient(String id, int attempt) {
    }

    public List<String> recipientIds() {
        return recipients.stream().map(Recipient::id).toList();
    }

    /** The incarnation {@code recipient} had when this was sent, or -1 when it is not a recipient. */
    public int attemptOf(String recipient) {
        return recipients.stream().filter(r -> r.id().equals(recipient)).mapToInt(Recipient::attempt).findFirst()
                .orElse(-1);
    }

    /** The stored message with the number the log gave it. */
    public MessageRecord numbered(long number) {
        return new MessageRecord(sessionId, number, id, sender, senderAttempt, to, recipients, type, body, threadId,
                replyTo, priority, createdAt);
    }
}
