package io.agentorchestr.core.store;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.model.MemoryHit;
import io.agentorchestr.core.model.MemoryIndex;
import io.agentorchestr.core.model.MemoryRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@link MemoryIndex} on SQLite FTS5 ({@code memory.db} in the data directory, WAL so sessions of
 * several projects share it). A refresh compares each note's size and modification time with what
 * was indexed and re-reads only what changed. Queries are built from the words of the text asked
 * for, each quoted, so no input can be FTS syntax.
 */
public final class SqliteMemoryIndex implements MemoryIndex {
    /** A note longer than this is indexed by its beginning: memory notes are meant to be read whole. */
    private static final int MAX_NOTE_BYTES = 256 * 1024;
    private static final int MAX_DEPTH = 4;
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "that", "this", "from",
            "into", "are", "was", "not", "but", "you", "your", "add", "make");

    private final Path file;
    private final Connection connection;

    private SqliteMemoryIndex(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static SqliteMemoryIndex open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("CREATE TABLE IF NOT EXISTS notes (path TEXT PRIMARY KEY, root TEXT NOT NULL, "
                        + "kind TEXT NOT NULL, title TEXT NOT NULL, modified_ms INTEGER NOT NULL, size INTEGER NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS notes_root ON notes(root)");
                s.execute("CREATE VIRTUAL TABLE IF NOT EXISTS note_text USING fts5(path UNINDEXED, title, body, "
                        + "tokenize = 'porter unicode61')");
            }
            return new SqliteMemoryIndex(file, c);
        } catch (SQLException | IOException e) {
            throw AgentorchestrException.error("cannot open the memory index " + file + ": " + e.getMessage()
                    + "; it is a cache of the notes: delete it and it is rebuilt", e);
        }
    }

    @Override
    public synchronized void refresh(List<MemoryRoot> roots) {
        try {
            connection.setAutoCommit(false);
            for (MemoryRoot root : roots) {
                refresh(root.dir());
            }
            connection.commit();
        } catch (SQLException | IOException e) {
            rollback();
            throw AgentorchestrException.error("cannot index the notes in " + roots + ": " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
    }

    private void refresh(Path root) throws SQLException, IOException {
        Map<String, long[]> indexed = new HashMap<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT path, modified_ms, size FROM notes WHERE root = ?")) {
            q.setString(1, root.toString());
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    indexed.put(r.getString(1), new long[]{r.getLong(2), r.getLong(3)});
                }
            }
        }
        for (Path note : notes(root)) {
            long modified = Files.getLastModifiedTime(note).toMillis();
            long size = Files.size(note);
            long[] was = indexed.remove(note.toString());
            if (was == null || was[0] != modified || was[1] != size) {
                forget(note.toString());
                index(root, note, modified, size);
            }
        }
        for (String gone : indexed.keySet()) {
            forget(gone);
        }
    }

    private static List<Path> notes(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !root.relativize(p).startsWith("projects")).sorted().toList();
        }
    }

    private void index(Path root, Path note, long modified, long size) throws SQLException, IOException {
        byte[] bytes;
        try (var in = Files.newInputStream(note)) {
            bytes = in.readNBytes(MAX_NOTE_BYTES);
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        String title = title(note, body);
        Path rel = root.relativize(note);
        String kind = rel.getNameCount() > 1 ? rel.getName(0).toString() : "notes";
        try (PreparedStatement n = connection.prepareStatement(
                "INSERT INTO notes (path, root, kind, title, modified_ms, size) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement t = connection.prepareStatement(
                     "INSERT INTO note_text (path, title, body) VALUES (?, ?, ?)")) {
            n.setString(1, note.toString());
            n.setString(2, root.toString());
            n.setString(3, kind);
            n.setString(4, title);
            n.setLong(5, modified);
            n.setLong(6, size);
            n.executeUpdate();
            t.setString(1, note.toString());
            t.setString(2, title);
            t.setString(3, body);
            t.executeUpdate();
        }
    }

    /** The first Markdown heading, else the file name without .md. */
    static String title(Path note, String body) {
        return body.lines().map(String::strip).filter(l -> l.startsWith("#")).findFirst()
                .map(l -> l.replaceFirst("^#+\\s*", "")).filter(t -> !t.isBlank())
                .orElse(note.getFileName().toString().replaceFirst("\\.md$", ""));
    }

    private void forget(String path) throws SQLException {
        try (PreparedStatement n = connection.prepareStatement("DELETE FROM notes WHERE path = ?");
             PreparedStatement t = connection.prepareStatement("DELETE FROM note_text WHERE path = ?")) {
            n.setString(1, path);
            n.executeUpdate();
            t.setString(1, path);
            t.executeUpdate();
        }
    }

    @Override
    public synchronized List<MemoryHit> search(String query, List<MemoryRoot> roots, int limit) {
        String match = matchExpression(query);
        if (match.isEmpty() || roots.isEmpty()) {
            return List.of();
        }
        Map<String, String> scopes = new HashMap<>();
        roots.forEach(r -> scopes.put(r.dir().toString(), r.scope()));
        String in = String.join(", ", roots.stream().map(r -> "?").toList());
        String sql = "SELECT n.path, n.root, n.kind, n.title, n.modified_ms, "
                + "snippet(note_text, 2, '', '', ' ... ', 24), bm25(note_text, 0.0, 4.0, 1.0) AS rank "
                + "FROM note_text JOIN notes n ON n.path = note_text.path "
                + "WHERE note_text MATCH ? AND n.root IN (" + in + ") ORDER BY rank LIMIT ?";
        try (PreparedStatement q = connection.prepareStatement(sql)) {
            q.setString(1, match);
            for (int i = 0; i < roots.size(); i++) {
                q.setString(i + 2, roots.get(i).dir().toString());
            }
            q.setInt(roots.size() + 2, limit);
            List<MemoryHit> hits = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    hits.add(new MemoryHit(Path.of(r.getString(1)), scopes.get(r.getString(2)), r.getString(3),
                            r.getString(4), r.getString(6).replaceAll("\\s+", " ").strip(), -r.getDouble(7),
                            Instant.ofEpochMilli(r.getLong(5))));
                }
            }
            return hits;
        } catch (SQLException e) {
            throw AgentorchestrException.error("cannot search the memory index " + file + ": " + e.getMessage(), e);
        }
    }

    /** Each word of the query, quoted (so nothing in it is FTS5 syntax), any of them matching. */
    static String matchExpression(String query) {
        Set<String> words = new LinkedHashSet<>();
        for (String w : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
            if (w.length() >= 2 && !STOP_WORDS.contains(w) && words.size() < 32) {
                words.add("\"" + w + "\"");
            }
        }
        return String.join(" OR ", words);
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The refresh failed already; that is what gets reported.
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // Closed or broken: the next call reports it.
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing left to do with it.
        }
    }
}
