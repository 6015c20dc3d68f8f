package io.agentorchestr.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static io.agentorchestr.core.store.RecordRows.str;

/**
 * What keeps the store from growing without end: events (its one unbounded table) of ended sessions
 * dropped by kind, and the file given back its free pages. A session that may still resume keeps
 * every event (the schema's trigger refuses otherwise).
 */
final class RetentionRows {
    /** A VACUUM rewrites the whole file: worth it once this share of its pages is free. */
    private static final double FREE_SHARE = 0.25;

    private final SqlRows rows;
    private final Connection connection;
    private final Path file;

    RetentionRows(SqlRows rows, Connection connection, Path file) {
        this.rows = rows;
        this.connection = connection;
        this.file = file;
    }

    int dropEvents(String sessionId, Set<String> kinds) {
        if (kinds.isEmpty()) {
            return 0;
        }
        List<Object> values = new ArrayList<>(List.of(sessionId));
        values.addAll(kinds);
        return rows.update("DELETE FROM events WHERE session_id = ? AND kind IN (" + marks(kinds) + ")",
                values.toArray());
    }

    /** One statement for every session that ended (done or failed) before {@code cutoff}. */
    int dropEventsEndedBefore(Instant cutoff, Set<String> kinds) {
        if (kinds.isEmpty()) {
            return 0;
        }
        List<Object> values = new ArrayList<>(List.of(str(cutoff)));
        values.addAll(kinds);
        return rows.update("DELETE FROM events WHERE session_id IN (SELECT id FROM sessions WHERE status IN "
                + "('done', 'failed') AND ended_at IS NOT NULL AND ended_at < ?) AND kind IN (" + marks(kinds) + ")",
                values.toArray());
    }

    /** VACUUM when at least {@link #FREE_SHARE} of the file's pages are free; the bytes it gave back. */
    long compact() {
        long pages = pragma("page_count");
        long free = pragma("freelist_count");
        if (pages == 0 || free < pages * FREE_SHARE) {
            return 0;
        }
        long before = pages * pragma("page_size");
        try (Statement s = connection.createStatement()) {
            s.execute("VACUUM");
        } catch (SQLException e) {
            throw SqlRows.failure(file, "compact", e);
        }
        return Math.max(0, before - pragma("page_count") * pragma("page_size"));
    }

    private long pragma(String name) {
        return rows.query("PRAGMA " + name, r -> r.getLong(1)).get(0);
    }

    private static String marks(Set<String> kinds) {
        return String.join(",", Collections.nCopies(kinds.size(), "?"));
    }
}
