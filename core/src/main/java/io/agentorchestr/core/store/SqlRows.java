package io.agentorchestr.core.store;

import io.agentorchestr.core.error.AgentorchestrException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** JDBC plumbing for the store: bind, run, map rows, and turn SQLite errors into actionable messages. */
final class SqlRows {
    private final Connection connection;
    private final Path file;

    SqlRows(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    interface SqlWork {
        void run() throws SQLException;
    }

    /**
     * SQLite maps the -shm file into memory; one made unwritable (chattr +i, a read-only remount)
     * under a live connection makes the next write fault with SIGBUS, which kills the JVM. A write is
     * refused here first (and a read: a reader writes its read mark there), as an error the fail-soft
     * store reports and the run survives.
     */
    private void requireWritable() {
        unwritable().ifPresent(f -> {
            throw AgentorchestrException.error("cannot use the state store: " + f + " is not writable (made "
                    + "read-only or immutable); make it writable again (chattr -i, chmod u+w)");
        });
    }

    /** The store's file (or its -wal, -shm) that cannot be written, if one cannot. */
    java.util.Optional<Path> unwritable() {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path f = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(f) && !Files.isWritable(f)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    int update(String sql, Object... values) {
        requireWritable();
        try (PreparedStatement s = prepare(sql, values)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    long insert(String sql, Object... values) {
        requireWritable();
        try (PreparedStatement s = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(s, values);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... values) {
        requireWritable();   // a reader writes its read mark into the mapped -shm too
        try (PreparedStatement s = prepare(sql, values); ResultSet r = s.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (r.next()) {
                out.add(mapper.map(r));
            }
            return out;
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    void inTransaction(SqlWork work) throws SQLException {
        requireWritable();
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    private PreparedStatement prepare(String sql, Object... values) throws SQLException {
        PreparedStatement s = connection.prepareStatement(sql);
        bind(s, values);
        return s;
    }

    private static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
    }

    static AgentorchestrException failure(Path file, String what, SQLException e) {
        String msg = String.valueOf(e.getMessage());
        String hint;
        if (msg.contains("SQLITE_BUSY") || msg.contains("database is locked")) {
            hint = "another process holds a lock on it; wait for it to finish or stop it, then retry";
        } else if (msg.contains("SQLITE_READONLY") || msg.contains("readonly") || msg.contains("SQLITE_CANTOPEN")) {
            hint = "check that the file and its directory are writable, or set AGENTORCHESTR_DATA_DIR";
        } else if (msg.contains("SQLITE_FULL") || msg.contains("disk is full")) {
            hint = "free some disk space and retry";
        } else if (msg.contains("SQLITE_CORRUPT") || msg.contains("SQLITE_NOTADB")) {
            hint = "the file is damaged; move it aside to start with a fresh state";
        } else {
            hint = "see the message above";
        }
        return AgentorchestrException.error("cannot " + what + " the state store " + file + ": " + msg + "; " + hint, e);
    }
}
