package io.agentorchestr.core.store;

import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.WorkerRecord;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentorchestr.core.store.RecordRows.EVENT_COLUMNS;
import static io.agentorchestr.core.store.RecordRows.SESSION_COLUMNS;
import static io.agentorchestr.core.store.RecordRows.WORKER_COLUMNS;

/**
 * A read-only view of the state store for watchers (the dashboard) while sessions write to it: a
 * read-only connection (WAL: reads never block the sessions' writes), queries for listing and paging.
 */
public final class StoreReader implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 5000;

    private final Path file;
    private final Connection connection;
    private final SqlRows rows;

    private StoreReader(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.rows = new SqlRows(connection, file);
    }

    /** Sessions to list: stored status and project (either may be null: any), newest first. */
    public record SessionQuery(String status, String project, int limit, long offset) {
    }

    /** One page of sessions and how many match in all. */
    public record SessionPage(List<SessionRecord> sessions, long total) {
    }

    /** Opens {@code file} read-only; a store that does not exist yet is created first (empty). */
    public static StoreReader open(Path file) {
        if (!Files.exists(file)) {
            SqliteStateStore.open(file).close();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            return new StoreReader(file, config.createConnection("jdbc:sqlite:" + file));
        } catch (SQLException e) {
            throw SqlRows.failure(file, "open", e);
        }
    }

    public synchronized SessionPage sessions(SessionQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        if (q.status() != null) {
            where.append(" AND status = ?");
            values.add(q.status());
        }
        if (q.project() != null) {
            where.append(" AND project = ?");
            values.add(q.project());
        }
        long total = rows.query("SELECT count(*) FROM sessions" + where, r -> r.getLong(1), values.toArray()).get(0);
        values.add(q.limit());
        values.add(q.offset());
        List<SessionRecord> page = rows.query("SELECT " + SESSION_COLUMNS + " FROM sessions" + where
                + " ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?", RecordRows::session, values.toArray());
        return new SessionPage(page, total);
    }

    public synchronized Optional<SessionRecord> session(String id) {
        return rows.query("SELECT " + SESSION_COLUMNS + " FROM sessions WHERE id = ?", RecordRows::session, id)
                .stream().findFirst();
    }

    public synchronized List<WorkerRecord> workers(String sessionId) {
        return rows.query("SELECT " + WORKER_COLUMNS + " FROM workers WHERE session_id = ? ORDER BY length(id), id",
                RecordRows::worker, sessionId);
    }

    /** For each of {@code sessionIds}: how many of its workers are in each state (by label). */
    public synchronized Map<String, Map<String, Integer>> workerStates(List<String> sessionIds) {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(sessionIds.size(), "?"));
        rows.query("SELECT session_id, state, count(*) FROM workers WHERE session_id IN (" + marks + ") "
                + "GROUP BY session_id, state", r -> out.computeIfAbsent(r.getString(1), k -> new HashMap<>())
                .put(r.getString(2), r.getInt(3)), sessionIds.toArray());
        return out;
    }

    /** Events after {@code seq}, oldest first, of one session or (null) of every session. */
    public synchronized List<EventRecord> events(String sessionId, long after, int limit) {
        if (sessionId == null) {
            return rows.query("SELECT " + EVENT_COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                    RecordRows::event, after, limit);
        }
        return rows.query("SELECT " + EVENT_COLUMNS + " FROM events WHERE session_id = ? AND seq > ? ORDER BY seq "
                + "LIMIT ?", RecordRows::event, sessionId, after, limit);
    }

    /** A session's events of one kind, oldest first, at most {@code limit}. */
    public synchronized List<EventRecord> eventsOfKind(String sessionId, String kind, int limit) {
        return rows.query("SELECT " + EVENT_COLUMNS + " FROM events WHERE session_id = ? AND kind = ? ORDER BY seq "
                + "LIMIT ?", RecordRows::event, sessionId, kind, limit);
    }

    /** A session's events of any of {@code kinds}, oldest first, at most {@code limit} (the newest ones). */
    public synchronized List<EventRecord> eventsOfKinds(String sessionId, List<String> kinds, int limit) {
        Object[] args = new Object[kinds.size() + 2];
        args[0] = sessionId;
        for (int i = 0; i < kinds.size(); i++) {
            args[i + 1] = kinds.get(i);
        }
        args[kinds.size() + 1] = limit;
        List<EventRecord> newest = rows.query("SELECT " + EVENT_COLUMNS + " FROM events WHERE session_id = ? AND kind IN ("
                + String.join(", ", java.util.Collections.nCopies(kinds.size(), "?")) + ") ORDER BY seq DESC LIMIT ?",
                RecordRows::event, args);
        List<EventRecord> oldestFirst = new java.util.ArrayList<>(newest);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** The newest event's sequence number (0 with none). */
    public synchronized long lastSeq() {
        return rows.query("SELECT coalesce(max(seq), 0) FROM events", r -> r.getLong(1)).get(0);
    }

    /** A session's plan, in the order its tasks were written. */
    public synchronized List<io.agentorchestr.core.model.PlanTask> planTasks(String sessionId) {
        return new PlanRows(rows).tasks(sessionId);
    }

    /** The sessions' messages between agents, read through this read-only connection. */
    public io.agentorchestr.core.model.MessageLog messages() {
        return new MessageRows(rows, this, file);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw SqlRows.failure(file, "close", e);
        }
    }
}
