package io.agentorchestr.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;

/** A store with many finished sessions, written in one transaction, for the benchmarks of listings. */
final class StoredSessions {
    private StoredSessions() {
    }

    /** {@code n} ended sessions (one in ten failed, all in January 2026) and one more, {@code last}, into the store at {@code db} (migrated). */
    static void fill(Path db, int n, String last) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sessions (id, mode, goal, project, agents, "
                    + "status, tmux_session, tmux_server, session_dir, owner_pid, created_at, updated_at, ended_at) "
                    + "VALUES (?, 'auto', ?, ?, '[\"demo\"]', ?, ?, 'tmux', ?, 1, ?, ?, ?)")) {
                Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
                for (int i = 0; i <= n; i++) {
                    String id = i == n ? last : String.format("b%07x", i);
                    String at = t0.plusSeconds(i).toString();
                    s.setString(1, id);
                    s.setString(2, "goal " + i);
                    s.setString(3, "/project/" + (i % 7));
                    s.setString(4, i == n ? "done" : i % 10 == 0 ? "failed" : "done");
                    s.setString(5, "agentorchestr-" + id);
                    s.setString(6, "/tmp/none/" + id);
                    s.setString(7, at);
                    s.setString(8, at);
                    s.setString(9, at);
                    s.addBatch();
                }
                s.executeBatch();
            }
            c.commit();
        }
    }
}
