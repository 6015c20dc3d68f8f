package io.agentorchestr.core.store;

import io.agentorchestr.core.error.AgentorchestrException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema as a list of migrations; migration {@code i} moves {@code PRAGMA user_version} from
 * {@code i} to {@code i + 1}. Append only: a released migration is never edited.
 */
final class Schema {
    private Schema() {
    }

    static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE sessions (
              id TEXT PRIMARY KEY,
              mode TEXT NOT NULL,
              goal TEXT NOT NULL,
              project TEXT NOT NULL,
              lead_agent TEXT,
              agents TEXT NOT NULL,
              status TEXT NOT NULL,
              base_commit TEXT,
              integration_branch TEXT,
              tmux_session TEXT NOT NULL,
              tmux_server TEXT NOT NULL,
              mcp_port INTEGER,
              session_dir TEXT NOT NULL,
              owner_pid INTEGER NOT NULL,
              summary TEXT,
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              ended_at TEXT
            );
            CREATE INDEX sessions_created ON sessions(created_at);
            CREATE TABLE workers (
              session_id TEXT NOT NULL REFERENCES sessions(id),
              id TEXT NOT NULL,
              attempt INTEGER NOT NULL,
              perspective TEXT NOT NULL,
              agent TEXT NOT NULL,
              agent_session_id TEXT,
              task TEXT NOT NULL,
              pane_id TEXT,
              worktree TEXT NOT NULL,
              branch TEXT NOT NULL,
              state TEXT NOT NULL,
              summary TEXT,
              signal TEXT,
              exit_status INTEGER,
              log_path TEXT,
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              ended_at TEXT,
              PRIMARY KEY (session_id, id)
            );
            CREATE TABLE events (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              session_id TEXT NOT NULL REFERENCES sessions(id),
              worker_id TEXT,
              at TEXT NOT NULL,
              kind TEXT NOT NULL,
              data TEXT NOT NULL
            );
            CREATE INDEX events_session ON events(session_id, seq);
            CREATE TABLE ops (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              session_id TEXT NOT NULL REFERENCES sessions(id),
              kind TEXT NOT NULL,
              detail TEXT,
              outcome TEXT,
              started_at TEXT NOT NULL,
              finished_at TEXT
            );
            -- The audit log is append-only: the database itself refuses edits.
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events
              BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events
              BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
            """,
            """
            ALTER TABLE workers ADD COLUMN merged_commit TEXT;
            ALTER TABLE workers ADD COLUMN request_id TEXT;
            """,
            """
            CREATE TABLE session_runtime (
              session_id TEXT PRIMARY KEY REFERENCES sessions(id),
              lead_agent_session_id TEXT,
              lead_pane TEXT,
              lead_launches INTEGER NOT NULL,
              max_workers INTEGER NOT NULL,
              timeout_s INTEGER,
              health TEXT NOT NULL
            );
            -- Bearer tokens of the session's MCP server (owner: "lead" or a worker id), so a resumed
            -- server accepts the clients that are still configured with them.
            CREATE TABLE tokens (
              session_id TEXT NOT NULL REFERENCES sessions(id),
              owner TEXT NOT NULL,
              token TEXT NOT NULL,
              PRIMARY KEY (session_id, owner)
            );
            ALTER TABLE workers ADD COLUMN output_offset INTEGER NOT NULL DEFAULT 0;
            """,
            """
            -- Append-only while the session may still resume; once it ended, --clean may drop its chatter.
            DROP TRIGGER events_no_delete;
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events
              WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) NOT IN ('done', 'failed')
              BEGIN SELECT RAISE(ABORT, 'events are append-only while their session may resume'); END;
            """,
            """
            -- Messages between agents: append-only, numbered per session; one row per recipient says
            -- what it read (in which incarnation), what was withheld as stale and what it was told of.
            CREATE TABLE messages (
              session_id TEXT NOT NULL REFERENCES sessions(id),
              seq INTEGER NOT NULL,
              id TEXT NOT NULL,
              sender TEXT NOT NULL,
              sender_attempt INTEGER NOT NULL,
              to_address TEXT NOT NULL,
              type TEXT NOT NULL,
              body TEXT NOT NULL,
              thread_id TEXT NOT NULL,
              reply_to TEXT,
              priority TEXT NOT NULL,
              created_at TEXT NOT NULL,
              PRIMARY KEY (session_id, seq)
            );
            CREATE UNIQUE INDEX messages_id ON messages(session_id, id);
            CREATE TABLE message_recipients (
              session_id TEXT NOT NULL,
              seq INTEGER NOT NULL,
              recipient TEXT NOT NULL,
              recipient_attempt INTEGER NOT NULL,
              read_at TEXT,
              read_attempt INTEGER,
              stale INTEGER NOT NULL DEFAULT 0,
              noticed INTEGER NOT NULL DEFAULT 0,
              PRIMARY KEY (session_id, recipient, seq),
              FOREIGN KEY (session_id, seq) REFERENCES messages(session_id, seq)
            );
            CREATE TRIGGER messages_no_update BEFORE UPDATE ON messages
              BEGIN SELECT RAISE(ABORT, 'messages are append-only'); END;
            CREATE TRIGGER messages_no_delete BEFORE DELETE ON messages
              WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) NOT IN ('done', 'failed')
              BEGIN SELECT RAISE(ABORT, 'messages are append-only while their session may resume'); END;
            """,
            """
            -- The plan a session runs: its tasks, their dependencies and where each stands.
            CREATE TABLE plan_tasks (
              session_id TEXT NOT NULL REFERENCES sessions(id),
              id TEXT NOT NULL,
              position INTEGER NOT NULL,
              task TEXT NOT NULL,
              perspective TEXT NOT NULL,
              agent TEXT,
              depends_on TEXT NOT NULL,
              state TEXT NOT NULL,
              worker_id TEXT,
              reason TEXT,
              attempts INTEGER NOT NULL,
              updated_at TEXT NOT NULL,
              PRIMARY KEY (session_id, id)
            );
            """,
            """
            -- Calls to hosted model providers, counted against their free tiers' request limits.
            CREATE TABLE model_calls (
              provider TEXT NOT NULL,
              at TEXT NOT NULL
            );
            CREATE INDEX model_calls_by_provider ON model_calls (provider, at);
            """,
            """
            -- A session's events of a few kinds (the dashboard's session page, usage, a lead's digest) without
            -- reading the rest: a session of 100,000 events took 250 ms a page before (bench/run store).
            CREATE INDEX events_session_kind ON events (session_id, kind, seq);
            """);

    /** Splits on ";" at line ends, keeping trigger bodies (which end in "END;") whole. */
    static List<String> statements(String script) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            String t = line.strip();
            boolean inTrigger = current.toString().contains("CREATE TRIGGER");
            if (t.endsWith(";") && (!inTrigger || t.endsWith("END;"))) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return out;
    }

    /**
     * Brings the schema up to date, one migration per write transaction. Another process may open a
     * new store at the same moment (a goal starting while --list-sessions runs): each migration takes
     * the write lock first (BEGIN IMMEDIATE, waiting as busy_timeout allows) and reads the version
     * again under it, so a migration is never applied twice.
     */
    static void migrate(Connection connection, Path file) throws SQLException {
        if (version(connection, file) == MIGRATIONS.size()) {
            return;  // nothing to write: a read-only store still opens
        }
        while (true) {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    int version = version(connection, file);
                    if (version >= MIGRATIONS.size()) {
                        s.execute("COMMIT");
                        requireKnown(version, file);
                        return;
                    }
                    for (String sql : statements(MIGRATIONS.get(version))) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + (version + 1));
                    s.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    s.execute("ROLLBACK");
                    throw e;
                }
            }
        }
    }

    private static int version(Connection connection, Path file) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            int version = r.getInt(1);
            requireKnown(version, file);
            return version;
        }
    }

    private static void requireKnown(int version, Path file) {
        if (version > MIGRATIONS.size()) {
            throw AgentorchestrException.error(file + " has schema version " + version
                    + ", newer than this agentorchestr understands (" + MIGRATIONS.size()
                    + "); upgrade agentorchestr or point AGENTORCHESTR_DATA_DIR elsewhere");
        }
    }
}
