package io.agentorchestr.core.store;

import io.agentorchestr.core.config.PrivateFile;
import io.agentorchestr.core.error.AgentorchestrException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The state store's connection, set up (WAL, busy timeout) and its schema brought up to date. Several
 * agentorchestr processes may open a new store at the same moment (a goal and the dashboard started
 * together): SQLite then answers one of them SQLITE_BUSY at once, without waiting out the busy
 * timeout (turning on WAL and the first migration need the file to themselves), so such an open is
 * tried again after a short pause, within the same limit.
 */
final class StoreConnection {
    static final int BUSY_TIMEOUT_MS = 5000;
    private static final int SQLITE_BUSY = 5;
    private static final long PAUSE_MS = 50;

    private StoreConnection() {
    }

    static Connection open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot create the data directory " + file.getParent() + ": "
                    + e.getMessage() + "; check its permissions or set AGENTORCHESTR_DATA_DIR", e);
        }
        long deadline = System.nanoTime() + BUSY_TIMEOUT_MS * 1_000_000L;
        while (true) {
            try {
                return once(file);
            } catch (SQLException e) {
                if (!busy(e) || System.nanoTime() > deadline || !pause()) {
                    throw SqlRows.failure(file, "open", e);
                }
            }
        }
    }

    private static Connection once(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try {
            // The file holds the sessions' MCP tokens: readable by its owner only.
            PrivateFile.narrow(file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            Schema.migrate(c, file);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static boolean busy(SQLException e) {
        return e.getErrorCode() == SQLITE_BUSY || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
    }

    /** False when interrupted: the open then fails as it is. */
    private static boolean pause() {
        try {
            Thread.sleep(PAUSE_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
