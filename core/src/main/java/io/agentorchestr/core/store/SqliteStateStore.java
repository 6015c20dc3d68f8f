package io.agentorchestr.core.store;

import io.agentorchestr.core.model.OpRecord;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.MessageLog;
import io.agentorchestr.core.model.PlanTask;
import io.agentorchestr.core.model.StateStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.text.SecretRedactor;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionRuntime;
import io.agentorchestr.core.model.WorkerRecord;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentorchestr.core.store.RecordRows.instant;
import static io.agentorchestr.core.store.RecordRows.str;
import static io.agentorchestr.core.store.RecordRows.toJson;

/**
 * {@link StateStore} on one SQLite file: WAL journal (readers never block the writer), a busy
 * timeout so a second process waits instead of failing, and migrations keyed by user_version.
 * One connection, serialized by this object's monitor.
 */
public final class SqliteStateStore implements StateStore {
    private static final String SESSION_COLUMNS = RecordRows.SESSION_COLUMNS;
    private static final String WORKER_COLUMNS = RecordRows.WORKER_COLUMNS;

    private static final String WORKER_UPDATES = java.util.Arrays.stream(WORKER_COLUMNS.split(", "))
            .skip(2).map(c -> c + " = excluded." + c).collect(java.util.stream.Collectors.joining(", "));

    private final Path file;
    private final Connection connection;
    private final ObjectMapper json = new ObjectMapper();
    private final SqlRows rows;
    private final RuntimeRows runtime;
    private final MessageRows messages;
    private final ModelCallRows modelCalls;
    private final PlanRows plans;
    private final RetentionRows retention;
    private final Observers observers = new Observers();

    private SqliteStateStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.rows = new SqlRows(connection, file);
        this.runtime = new RuntimeRows(rows);
        this.messages = new MessageRows(rows, this, file);
        this.modelCalls = new ModelCallRows(rows, this);
        this.plans = new PlanRows(rows);
        this.retention = new RetentionRows(rows, connection, file);
    }

    /** Opens (creating if needed) the store at {@code file} and brings its schema up to date. */
    public static SqliteStateStore open(Path file) {
        return new SqliteStateStore(file, StoreConnection.open(file));
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void createSession(SessionRecord s) {
        rows.update("INSERT INTO sessions (" + SESSION_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                sessionValues(s));
    }

    @Override
    public synchronized void updateSession(SessionRecord s) {
        Object[] values = sessionValues(s);
        Object[] shifted = Arrays.copyOf(Arrays.copyOfRange(values, 1, values.length), values.length);
        shifted[values.length - 1] = s.id();
        String assignments = String.join(" = ?, ", Arrays.copyOfRange(SESSION_COLUMNS.split(", "), 1, 18)) + " = ?";
        rows.update("UPDATE sessions SET " + assignments + " WHERE id = ?", shifted);
    }

    private Object[] sessionValues(SessionRecord given) {
        // Goals, tasks and summaries are listed and printed: secrets in them are masked here (the session
        // directory keeps the goal and the prompts as given, readable by the user only, for --resume).
        SessionRecord s = given.masked();
        return new Object[]{s.id(), s.mode(), s.goal(), s.project(), s.leadAgent(),
            toJson(s.agents()), s.status().label(), s.baseCommit(), s.integrationBranch(), s.tmuxSession(),
            s.tmuxServer(), s.mcpPort(), s.sessionDir(), s.ownerPid(), s.summary(),
            str(s.createdAt()), str(s.updatedAt()), str(s.endedAt())};
    }

    @Override
    public synchronized Optional<SessionRecord> session(String id) {
        return rows.query("SELECT " + SESSION_COLUMNS + " FROM sessions WHERE id = ?", RecordRows::session, id)
                .stream().findFirst();
    }

    @Override
    public synchronized List<SessionRecord> recentSessions(int limit) {
        return rows.query("SELECT " + SESSION_COLUMNS + " FROM sessions ORDER BY created_at DESC, rowid DESC LIMIT ?",
                RecordRows::session, limit);
    }

    @Override
    public synchronized void saveWorker(WorkerRecord given) {
        // An upsert, not INSERT OR REPLACE: replacing would reset columns this record does not carry.
        WorkerRecord w = given.masked();
        rows.update("INSERT INTO workers (" + WORKER_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                        + "ON CONFLICT(session_id, id) DO UPDATE SET " + WORKER_UPDATES,
                w.sessionId(), w.id(), w.attempt(), w.perspective(), w.agent(), w.agentSessionId(),
                w.task(), w.paneId(), w.worktree(), w.branch(), w.state().label(),
                w.summary(), w.signal(), w.exitStatus(),
                w.logPath(), str(w.createdAt()), str(w.updatedAt()), str(w.endedAt()), w.mergedCommit(),
                w.requestId());
    }

    @Override
    public synchronized void deleteWorker(String sessionId, String workerId) {
        rows.update("DELETE FROM workers WHERE session_id = ? AND id = ?", sessionId, workerId);
    }

    @Override
    public synchronized List<WorkerRecord> workers(String sessionId) {
        return rows.query("SELECT " + WORKER_COLUMNS + " FROM workers WHERE session_id = ? ORDER BY length(id), id",
                RecordRows::worker, sessionId);
    }

    @Override
    public synchronized Optional<WorkerRecord> worker(String sessionId, String workerId) {
        return rows.query("SELECT " + WORKER_COLUMNS + " FROM workers WHERE session_id = ? AND id = ?",
                RecordRows::worker, sessionId, workerId).stream().findFirst();
    }

    @Override
    public synchronized void saveRuntime(SessionRuntime r) {
        runtime.saveRuntime(r);
    }

    @Override
    public synchronized Optional<SessionRuntime> runtime(String sessionId) {
        return runtime.runtime(sessionId);
    }

    @Override
    public synchronized void saveToken(String sessionId, String owner, String token) {
        runtime.saveToken(sessionId, owner, token);
    }

    @Override
    public synchronized void deleteToken(String sessionId, String owner) {
        runtime.deleteToken(sessionId, owner);
    }

    @Override
    public synchronized Map<String, String> tokens(String sessionId) {
        return runtime.tokens(sessionId);
    }

    @Override
    public synchronized void saveOutputOffset(String sessionId, String workerId, long offset) {
        runtime.saveOutputOffset(sessionId, workerId, offset);
    }

    @Override
    public synchronized long outputOffset(String sessionId, String workerId) {
        return runtime.outputOffset(sessionId, workerId);
    }

    @Override
    public long append(String sessionId, SessionEvent event) {
        JsonNode data = json.valueToTree(event);
        SecretRedactor.redact(data);
        Instant at = Instant.now();
        long seq;
        synchronized (this) {
            seq = rows.insert("INSERT INTO events (session_id, worker_id, at, kind, data) VALUES (?,?,?,?,?)",
                    sessionId, event.workerId(), str(at), event.kind(), data.toString());
        }
        observers.stored(sessionId, event, at);
        return seq;
    }

    @Override
    public void observe(io.agentorchestr.core.model.EventObserver observer) {
        observers.add(observer);
    }

    @Override
    public synchronized int dropEvents(String sessionId, java.util.Set<String> kinds) {
        return retention.dropEvents(sessionId, kinds);
    }

    @Override
    public synchronized int dropEventsEndedBefore(Instant cutoff, java.util.Set<String> kinds) {
        return retention.dropEventsEndedBefore(cutoff, kinds);
    }

    @Override
    public synchronized long compact() {
        return retention.compact();
    }

    @Override
    public synchronized List<EventRecord> events(String sessionId) {
        return rows.query("SELECT seq, session_id, worker_id, at, kind, data FROM events WHERE session_id = ? ORDER BY seq",
                RecordRows::event, sessionId);
    }

    @Override
    public synchronized long beginOp(String sessionId, String kind, String detail) {
        return rows.insert("INSERT INTO ops (session_id, kind, detail, started_at) VALUES (?,?,?,?)",
                sessionId, kind, SecretRedactor.redactText(detail), str(Instant.now()));
    }

    @Override
    public synchronized void finishOp(long opId, String outcome) {
        rows.update("UPDATE ops SET outcome = ?, finished_at = ? WHERE id = ?", outcome, str(Instant.now()), opId);
    }

    @Override
    public synchronized List<OpRecord> unfinishedOps(String sessionId) {
        return rows.query("SELECT id, session_id, kind, detail, outcome, started_at, finished_at FROM ops "
                        + "WHERE session_id = ? AND finished_at IS NULL ORDER BY id",
                r -> new OpRecord(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        instant(r.getString(6)), instant(r.getString(7))), sessionId);
    }

    @Override
    public synchronized void savePlanTask(PlanTask task) {
        plans.save(task);
    }

    @Override
    public synchronized List<PlanTask> planTasks(String sessionId) {
        return plans.tasks(sessionId);
    }

    @Override
    public io.agentorchestr.core.model.ModelCallLog modelCalls() {
        return modelCalls;
    }

    @Override
    public MessageLog messages() {
        return messages;
    }

    @Override
    public synchronized void close() {
        if (rows.unwritable().isPresent()) {
            // Closing checkpoints through the mapped -shm: on an unwritable file that is a SIGBUS. The
            // process is ending; the WAL stays for the next open to take up.
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw SqlRows.failure(file, "close", e);
        }
    }
}
