package io.agentorchestr.core.memory;

import io.agentorchestr.core.model.MemoryRoot;
import io.agentorchestr.core.model.MemoryIndex;
import io.agentorchestr.core.model.MemoryHit;
import io.agentorchestr.core.config.PrivateFile;
import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.text.ShortHash;
import io.agentorchestr.core.text.TextCut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A project's memory: Markdown notes the user can read, edit and commit, searched through the
 * {@link MemoryIndex}. They live in the project's {@code .agentorchestr/memory/} when the project
 * has an {@code .agentorchestr/} (it ran {@code --init}, or the user made one), else in the data
 * directory under {@code memory/projects/<name>-<hash>/}, so a project that never asked for it gets
 * no new files in its checkout. The data directory's {@code memory/} itself holds the user's notes
 * for every project. Searches weigh bm25 relevance by age: a note loses up to half its weight over
 * a few months, so a fresh lesson comes before an old one that says as much.
 */
public final class Memory implements AutoCloseable {
    public static final int MAX_K = 20;
    private static final int MAX_TOPIC_CHARS = 120;
    private static final int MAX_TEXT_CHARS = 20_000;
    /** A note is read whole into prompts and recall: past this, it is summarized under a new topic. */
    static final int MAX_NOTE_BYTES = 200_000;
    private static final double HALF_LIFE_DAYS = 60;

    private final MemoryIndex index;
    private final Path projectRoot;
    private final Path globalDir;

    /**
     * @param globalDir the data directory's {@code memory/}
     */
    public Memory(MemoryIndex index, Path projectRoot, Path globalDir) {
        this.index = index;
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.globalDir = globalDir.toAbsolutePath().normalize();
    }

    /** Where this project's notes are written (see the class comment). */
    public Path home() {
        Path dir = projectRoot.resolve(ProjectConfig.DIR);
        return Files.isDirectory(dir) ? dir.resolve("memory")
                : globalDir.resolve("projects").resolve(projectKey(projectRoot));
    }

    /** Every directory searched for this project, its own first. */
    public List<MemoryRoot> roots() {
        Path own = projectRoot.resolve(ProjectConfig.DIR).resolve("memory");
        Path kept = globalDir.resolve("projects").resolve(projectKey(projectRoot));
        return List.of(new MemoryRoot(own, "project"), new MemoryRoot(kept, "project"),
                new MemoryRoot(globalDir, "global"));
    }

    /** The best {@code k} notes for {@code query}, relevance weighed by age. */
    public List<MemoryHit> recall(String query, int k) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be from 1 to " + MAX_K + ", not " + k);
        }
        List<MemoryRoot> roots = roots();
        index.refresh(roots);
        Instant now = Instant.now();
        return index.search(query, roots, k * 4).stream()
                .map(h -> new MemoryHit(h.file(), h.scope(), h.kind(), h.title(), h.snippet(),
                        h.score() * recency(h.modified(), now), h.modified()))
                .sorted(Comparator.comparingDouble(MemoryHit::score).reversed()).limit(k).toList();
    }

    private static double recency(Instant modified, Instant now) {
        double days = Math.max(0, Duration.between(modified, now).toHours() / 24.0);
        return 0.5 + 0.5 * Math.pow(0.5, days / HALF_LIFE_DAYS);
    }

    /** What remember(topic, text) did: the note's file, and whether it was new. */
    public record Remembered(Path file, boolean created) {
    }

    /**
     * Adds {@code text} to the topic's note in {@code topics/}, creating it with the topic as its
     * title; each addition is a dated section naming who added it.
     */
    public synchronized Remembered remember(String topic, String text, String from) {
        String t = topic == null ? "" : topic.strip();
        if (t.isEmpty() || t.length() > MAX_TOPIC_CHARS || t.contains("\n")) {
            throw new IllegalArgumentException("topic must be one line of 1 to " + MAX_TOPIC_CHARS
                    + " characters, like \"database migrations\"");
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("text must be 1 to " + MAX_TEXT_CHARS + " characters");
        }
        Path file = noteFile(t);
        boolean created = !Files.exists(file);
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(Instant.now());
        String entry = (created ? "# " + t + "\n" : "") + "\n## " + stamp + " UTC, " + from + "\n\n" + text.strip()
                + "\n";
        long size = sizeOf(file);
        if (size + entry.getBytes(StandardCharsets.UTF_8).length > MAX_NOTE_BYTES) {
            throw new IllegalArgumentException("the note on '" + t + "' would grow past " + MAX_NOTE_BYTES / 1000
                    + " KB (" + file + "); keep what matters: remember a short summary under a new topic");
        }
        PrivateFile.append(file, "the note " + file, entry);
        return new Remembered(file, created);
    }

    /** Writes the session's episode to {@code episodes/<day>-<session>.md}. */
    public Path write(Episode episode) {
        Path file = home().resolve("episodes").resolve(episode.session().createdAt().toString().substring(0, 10)
                + "-" + episode.session().id() + ".md");
        PrivateFile.write(file, "the episode " + file, episode.markdown());
        return file;
    }

    /**
     * The notes for a worker's task, as a prompt section of at most {@code chars} characters and
     * {@code notes} notes; empty when none matches.
     */
    public String forPrompt(String task, int chars, int notes) {
        if (chars <= 0 || notes <= 0) {
            return "";
        }
        List<MemoryHit> hits = recall(task, Math.min(notes, MAX_K));
        if (hits.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("## From the project's memory\nNotes from earlier sessions that match your "
                + "task, best first. recall(query) finds more; remember(topic, text) keeps what the next sessions "
                + "should know.\n\n");
        int share = Math.max(200, (chars - s.length()) / hits.size());
        for (MemoryHit h : hits) {
            String body = read(h.file());
            String head = "### " + h.title() + " (" + display(h.file()) + ")\n";
            String text = body.length() > share ? TextCut.atLine(body, share) + "\n[... the rest is in the file]" : body;
            if (s.length() + head.length() + text.length() + 2 > chars) {
                break;
            }
            s.append(head).append(text).append("\n\n");
        }
        return s.toString().strip() + "\n";
    }

    /** A path as the user knows it: relative to the project, else absolute. */
    public String display(Path file) {
        if (file.startsWith(projectRoot)) {
            return projectRoot.relativize(file).toString();
        }
        // Outside the checkout the absolute path is a hundred characters of data directory: name the
        // directory instead (its path is in --memory-search's footer and --json's "path").
        List<MemoryRoot> roots = roots();
        for (int i = 1; i < roots.size(); i++) {
            if (file.startsWith(roots.get(i).dir())) {
                return (i == 1 ? KEPT : GLOBAL) + roots.get(i).dir().relativize(file);
            }
        }
        return file.toString();
    }

    /** How {@link #display} names the project's notes kept in the data directory, and the user's global notes. */
    public static final String KEPT = "project-memory:";
    public static final String GLOBAL = "global:";

    private static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            // The title is in the heading already.
            return text.startsWith("# ") && text.contains("\n") ? text.substring(text.indexOf('\n') + 1).strip() : text;
        } catch (IOException e) {
            return "(could not be read: " + e.getMessage() + ")";
        }
    }

    /**
     * The topic's note: its slug's file, unless that file is another topic's (".." and "???" share the
     * slug "topic"), then the slug with a hash of the topic. Topics differing in case share a note.
     */
    private Path noteFile(String topic) {
        Path dir = home().resolve("topics");
        Path plain = dir.resolve(slug(topic) + ".md");
        if (!Files.exists(plain) || titleOf(plain).equalsIgnoreCase(topic)) {
            return plain;
        }
        return dir.resolve(slug(topic) + "-" + ShortHash.of(topic.toLowerCase(Locale.ROOT)) + ".md");
    }

    private static String titleOf(Path note) {
        try (java.io.BufferedReader r = Files.newBufferedReader(note, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.startsWith("# ") ? first.substring(2).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static String slug(String topic) {
        String s = topic.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "topic" : s;
    }

    /** The per-project directory name under the data directory: the project's name and a hash of its path. */
    static String projectKey(Path root) {
        String name = root.getFileName() == null ? "root" : root.getFileName().toString();
        return name + "-" + ShortHash.of(root.toString());
    }

    /** Lets go of the index (the notes are files and need nothing). */
    @Override
    public void close() {
        index.close();
    }
}
