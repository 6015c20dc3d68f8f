package io.agentorchestr.core.model;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port to a session's messages: an append-only log (the audit trail) with, for each recipient, which
 * messages it has read (and in which incarnation) and which it has been told about. Durable: after a
 * kill -9 and a resume, nothing read is delivered again and nothing unread is lost.
 */
public interface MessageLog {
    /** Stores {@code message} (its seq is ignored) and returns it with its per-session number. */
    MessageRecord append(MessageRecord message);

    /** The session's messages after {@code afterSeq}, oldest first, at most {@code limit}. */
    List<MessageRecord> after(String sessionId, long afterSeq, int limit);

    Optional<MessageRecord> byId(String sessionId, String id);

    /** The last message {@code sender} sent in the session, if any. */
    Optional<MessageRecord> lastFrom(String sessionId, String sender);

    /** The messages {@code recipient} has not read yet, oldest first. */
    List<MessageRecord> unread(String sessionId, String recipient);

    /** Records {@code seqs} as read by {@code recipient} in incarnation {@code attempt}. */
    void markRead(String sessionId, String recipient, Collection<Long> seqs, int attempt);

    /** Records {@code seqs} as withheld from {@code recipient}: control messages of another incarnation. */
    void markStale(String sessionId, String recipient, Collection<Long> seqs);

    /** Records that {@code recipient} was told about {@code seqs} (a notice typed into its agent). */
    void markNoticed(String sessionId, String recipient, Collection<Long> seqs);

    /** The unread messages {@code recipient} has not been told about yet. */
    List<MessageRecord> unnoticed(String sessionId, String recipient);
}
