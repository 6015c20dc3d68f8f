package io.agentorchestr.core.store;

import io.agentorchestr.core.model.MessageLog;
import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.text.SecretRedactor;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentorchestr.core.store.RecordRows.instant;
import static io.agentorchestr.core.store.RecordRows.str;

/**
 * The message log in the session store: one row per message, one per recipient. Serialized by the
 * store's monitor, as every other use of its one connection.
 */
final class MessageRows implements MessageLog {
    private static final String COLUMNS = "m.session_id, m.seq, m.id, m.sender, m.sender_attempt, m.to_address, "
            + "m.type, m.body, m.thread_id, m.reply_to, m.priority, m.created_at";

    private final SqlRows rows;
    private final Object lock;
    private final Path file;

    MessageRows(SqlRows rows, Object lock, Path file) {
        this.rows = rows;
        this.lock = lock;
        this.file = file;
    }

    @Override
    public MessageRecord append(MessageRecord m) {
        synchronized (lock) {
            long[] seq = new long[1];
            try {
                rows.inTransaction(() -> {
                    seq[0] = rows.query("SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE session_id = ?",
                            r -> r.getLong(1), m.sessionId()).get(0);
                    rows.update("INSERT INTO messages (session_id, seq, id, sender, sender_attempt, to_address, type, "
                                    + "body, thread_id, reply_to, priority, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                            m.sessionId(), seq[0], m.id(), m.sender(), m.senderAttempt(), m.to(), m.type().label(),
                            SecretRedactor.redactText(m.body()), m.threadId(), m.replyTo(), m.priority(),
                            str(m.createdAt()));
                    for (MessageRecord.Recipient r : m.recipients()) {
                        rows.update("INSERT INTO message_recipients (session_id, seq, recipient, recipient_attempt) "
                                + "VALUES (?,?,?,?)", m.sessionId(), seq[0], r.id(), r.attempt());
                    }
                });
            } catch (SQLException e) {
                throw SqlRows.failure(file, "store a message in", e);
            }
            return m.numbered(seq[0]);
        }
    }

    @Override
    public List<MessageRecord> after(String sessionId, long afterSeq, int limit) {
        synchronized (lock) {
            return withRecipients(sessionId, rows.query("SELECT " + COLUMNS + " FROM messages m WHERE m.session_id = ? "
                    + "AND m.seq > ? ORDER BY m.seq LIMIT ?", MessageRows::message, sessionId, afterSeq, limit));
        }
    }

    @Override
    public Optional<MessageRecord> byId(String sessionId, String id) {
        synchronized (lock) {
            return withRecipients(sessionId, rows.query("SELECT " + COLUMNS + " FROM messages m WHERE m.session_id = ? "
                    + "AND m.id = ?", MessageRows::message, sessionId, id)).stream().findFirst();
        }
    }

    @Override
    public Optional<MessageRecord> lastFrom(String sessionId, String sender) {
        synchronized (lock) {
            return withRecipients(sessionId, rows.query("SELECT " + COLUMNS + " FROM messages m WHERE m.session_id = ? "
                    + "AND m.sender = ? ORDER BY m.seq DESC LIMIT 1", MessageRows::message, sessionId, sender)).stream()
                    .findFirst();
        }
    }

    @Override
    public List<MessageRecord> unread(String sessionId, String recipient) {
        return forRecipient(sessionId, recipient, "");
    }

    @Override
    public List<MessageRecord> unnoticed(String sessionId, String recipient) {
        return forRecipient(sessionId, recipient, " AND r.noticed = 0");
    }

    private List<MessageRecord> forRecipient(String sessionId, String recipient, String condition) {
        synchronized (lock) {
            return withRecipients(sessionId, rows.query("SELECT " + COLUMNS + " FROM messages m JOIN message_recipients r "
                    + "ON r.session_id = m.session_id AND r.seq = m.seq WHERE m.session_id = ? AND r.recipient = ? "
                    + "AND r.read_at IS NULL AND r.stale = 0" + condition + " ORDER BY m.seq", MessageRows::message,
                    sessionId, recipient));
        }
    }

    @Override
    public void markRead(String sessionId, String recipient, Collection<Long> seqs, int attempt) {
        mark(sessionId, recipient, seqs, "read_at = ?, read_attempt = ?", str(Instant.now()), attempt);
    }

    @Override
    public void markStale(String sessionId, String recipient, Collection<Long> seqs) {
        mark(sessionId, recipient, seqs, "stale = 1");
    }

    @Override
    public void markNoticed(String sessionId, String recipient, Collection<Long> seqs) {
        mark(sessionId, recipient, seqs, "noticed = 1");
    }

    private void mark(String sessionId, String recipient, Collection<Long> seqs, String assignments, Object... values) {
        synchronized (lock) {
            try {
                rows.inTransaction(() -> {
                    for (long seq : seqs) {
                        List<Object> args = new ArrayList<>(List.of(values));
                        args.addAll(List.of(sessionId, recipient, seq));
                        rows.update("UPDATE message_recipients SET " + assignments + " WHERE session_id = ? AND "
                                + "recipient = ? AND seq = ?", args.toArray());
                    }
                });
            } catch (SQLException e) {
                throw SqlRows.failure(file, "update the message log in", e);
            }
        }
    }

    /** The messages with their recipients filled in (one more query for all of them). */
    private List<MessageRecord> withRecipients(String sessionId, List<MessageRecord> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        Map<Long, List<MessageRecord.Recipient>> bySeq = new LinkedHashMap<>();
        rows.query("SELECT seq, recipient, recipient_attempt FROM message_recipients WHERE session_id = ? AND seq "
                        + "BETWEEN ? AND ? ORDER BY seq, rowid", r -> bySeq.computeIfAbsent(r.getLong(1),
                        k -> new ArrayList<>()).add(new MessageRecord.Recipient(r.getString(2), r.getInt(3))),
                sessionId, messages.get(0).seq(), messages.get(messages.size() - 1).seq());
        return messages.stream().map(m -> new MessageRecord(m.sessionId(), m.seq(), m.id(), m.sender(),
                m.senderAttempt(), m.to(), bySeq.getOrDefault(m.seq(), List.of()), m.type(), m.body(), m.threadId(),
                m.replyTo(), m.priority(), m.createdAt())).toList();
    }

    private static MessageRecord message(ResultSet r) throws SQLException {
        return new MessageRecord(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getInt(5),
                r.getString(6), List.of(), MessageType.find(r.getString(7)).orElse(MessageType.NOTIFICATION),
                r.getString(8), r.getString(9), r.getString(10), r.getString(11), instant(r.getString(12)));
    }
}
