package io.agentorchestr.core.cost;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * OpenCode's usage in one worktree: the rows of its SQLite database ({@code opencode.db} in its data
 * directory) whose session {@code directory} is the worktree, sub-agents' sessions included: their
 * token columns, and OpenCode's own {@code cost}, which is used as it is. Read through a read-only
 * connection opened for each look (OpenCode writes the file meanwhile).
 */
final class OpenCodeSessions implements UsageSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path db;
    private final String worktree;

    OpenCodeSessions(Path dataDir, Path worktree) {
        this.db = dataDir.resolve("opencode.db");
        this.worktree = worktree.toAbsolutePath().normalize().toString();
    }

    @Override
    public TokenUsage read() throws IOException {
        if (!Files.isRegularFile(db)) {
            return null;
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(2000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + db);
             PreparedStatement s = c.prepareStatement("SELECT cost, tokens_input, tokens_output, tokens_reasoning, "
                     + "tokens_cache_read, tokens_cache_write, model FROM session WHERE directory = ?")) {
            s.setString(1, worktree);
            TokenUsage sum = null;
            double cost = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    cost += r.getDouble(1);
                    TokenUsage u = new TokenUsage(model(r.getString(7)), r.getLong(2), r.getLong(6), r.getLong(5),
                            r.getLong(3) + r.getLong(4), r.getLong(4));
                    sum = sum == null ? u : sum.plus(u);
                }
            }
            return sum == null ? null : sum.withCost(cost);
        } catch (SQLException e) {
            throw new IOException("cannot read " + db + ": " + e.getMessage(), e);
        }
    }

    private static String model(String json) {
        try {
            return json == null ? null : JSON.readTree(json).path("id").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
