package io.agentorchestr.core.store;

import io.agentorchestr.core.model.EventRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The store's columns and how a row becomes a record: the same for the writer and for readers. */
final class RecordRows {
    static final String SESSION_COLUMNS = "id, mode, goal, project, lead_agent, agents, status, base_commit, "
            + "integration_branch, tmux_session, tmux_server, mcp_port, session_dir, owner_pid, summary, created_at, "
            + "updated_at, ended_at";
    static final String WORKER_COLUMNS = "session_id, id, attempt, perspective, agent, agent_session_id, "
            + "task, pane_id, worktree, branch, state, summary, signal, exit_status, log_path, created_at, "
            + "updated_at, ended_at, merged_commit, request_id";
    static final String EVENT_COLUMNS = "seq, session_id, worker_id, at, kind, data";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordRows() {
    }

    static SessionRecord session(ResultSet r) throws SQLException {
        int mcp = r.getInt("mcp_port");
        Integer port = r.wasNull() ? null : mcp;
        return new SessionRecord(r.getString("id"), r.getString("mode"), r.getString("goal"), r.getString("project"),
                r.getString("lead_agent"), agents(r.getString("agents")),
                SessionStatus.fromLabel(r.getString("status")), r.getString("base_commit"),
                r.getString("integration_branch"), r.getString("tmux_session"), r.getString("tmux_server"), port,
                r.getString("session_dir"), r.getLong("owner_pid"), r.getString("summary"),
                instant(r.getString("created_at")), instant(r.getString("updated_at")),
                instant(r.getString("ended_at")));
    }

    static WorkerRecord worker(ResultSet r) throws SQLException {
        int exit = r.getInt("exit_status");
        Integer exitStatus = r.wasNull() ? null : exit;
        return new WorkerRecord(r.getString("session_id"), r.getString("id"), r.getInt("attempt"),
                r.getString("perspective"), r.getString("agent"), r.getString("agent_session_id"), r.getString("task"),
                r.getString("pane_id"), r.getString("worktree"), r.getString("branch"),
                WorkerState.fromLabel(r.getString("state")), r.getString("summary"), r.getString("signal"), exitStatus,
                r.getString("log_path"), instant(r.getString("created_at")), instant(r.getString("updated_at")),
                instant(r.getString("ended_at")), r.getString("merged_commit"), r.getString("request_id"));
    }

    static EventRecord event(ResultSet r) throws SQLException {
        return new EventRecord(r.getLong(1), r.getString(2), r.getString(3), instant(r.getString(4)), r.getString(5),
                r.getString(6));
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value, e);
        }
    }

    private static List<String> agents(String text) {
        try {
            return Arrays.asList(JSON.readValue(text, String[].class));
        } catch (JsonProcessingException e) {
            throw AgentorchestrException.error("corrupt agents list in the state store: " + text, e);
        }
    }

    static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
