package io.agentorchestr.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.model.PlanTask;
import io.agentorchestr.core.model.PlanTaskState;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static io.agentorchestr.core.store.RecordRows.instant;
import static io.agentorchestr.core.store.RecordRows.str;

/** The plan of each session: one row per task, replaced as the task moves on. */
final class PlanRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "session_id, id, position, task, perspective, agent, depends_on, state, "
            + "worker_id, reason, attempts, updated_at";

    private final SqlRows rows;

    PlanRows(SqlRows rows) {
        this.rows = rows;
    }

    void save(PlanTask t) {
        rows.update("INSERT INTO plan_tasks (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(session_id, "
                        + "id) DO UPDATE SET state = excluded.state, worker_id = excluded.worker_id, reason = "
                        + "excluded.reason, attempts = excluded.attempts, updated_at = excluded.updated_at",
                t.sessionId(), t.id(), t.position(), t.task(), t.perspective(), t.agent(), json(t.dependsOn()),
                t.state().label(), t.workerId(), t.reason(), t.attempts(), str(t.updatedAt()));
    }

    List<PlanTask> tasks(String sessionId) {
        return rows.query("SELECT " + COLUMNS + " FROM plan_tasks WHERE session_id = ? ORDER BY position",
                PlanRows::task, sessionId);
    }

    private static PlanTask task(ResultSet r) throws SQLException {
        return new PlanTask(r.getString(1), r.getString(2), r.getInt(3), r.getString(4), r.getString(5),
                r.getString(6), list(r.getString(7)), PlanTaskState.fromLabel(r.getString(8)), r.getString(9),
                r.getString(10), r.getInt(11), instant(r.getString(12)));
    }

    private static String json(List<String> ids) {
        try {
            return JSON.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable depends_on: " + json, e);
        }
    }
}
