package io.agentorchestr.core.memory;

import io.agentorchestr.core.model.MemoryHit;
import io.agentorchestr.core.store.SqliteMemoryIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memory on a real SQLite FTS5 index and real note files. */
class MemoryIT {
    @TempDir
    Path dir;
    private Path project;
    private SqliteMemoryIndex index;
    private Memory memory;

    @BeforeEach
    void open() throws Exception {
        project = Files.createDirectories(dir.resolve("shop/.agentorchestr/memory")).getParent().getParent();
        index = SqliteMemoryIndex.open(dir.resolve("data/memory.db"));
        memory = new Memory(index, project, dir.resolve("data/memory"));
    }

    @AfterEach
    void close() {
        memory.close();
    }

    private Path note(String rel, String text) throws Exception {
        Path f = project.resolve(".agentorchestr/memory").resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private List<String> titles(String query) {
        return memory.recall(query, 5).stream().map(MemoryHit::title).toList();
    }

    @Test
    void notesAreFoundByTheirWordsTitlesFirstAndEditsAndDeletionsAreSeen() throws Exception {
        note("topics/payments.md", "# Payments\n\nStripe webhooks are retried; handlers must be idempotent.\n");
        Path db = note("topics/database.md", "# Database\n\nWebhooks from the billing system land in a queue table.\n");
        note("research/notes.md", "Nothing about that here.\n");

        assertEquals(List.of("Payments", "Database"), titles("payments webhooks"), "a title match weighs more");
        assertEquals("topics", memory.recall("stripe", 1).get(0).kind());

        Files.writeString(db, "# Database\n\nWe use Postgres 16 with logical replication.\n");
        assertEquals(List.of("Database"), titles("replication"), "an edited note is indexed again");
        assertEquals(List.of("Payments"), titles("webhooks"));
        Files.delete(db);
        assertEquals(List.of(), titles("replication"), "a deleted note is forgotten");
    }

    @Test
    void anyTextIsAQueryNeverFtsSyntax() throws Exception {
        note("topics/x.md", "# Quotes\n\nThe \"NEAR\" operator and col:umn * stars AND OR NOT.\n");
        for (String q : List.of("\"", "NEAR(", "col:umn", "*", "AND OR NOT", "')--", "{}", "^", "")) {
            memory.recall(q.isEmpty() ? " " : q, 3);
        }
        assertEquals(List.of("Quotes"), titles("\"NEAR\" operator)"));
    }

    @Test
    void aRecentNoteComesBeforeAnOldOneThatSaysAsMuch() throws Exception {
        Path old = note("topics/old.md", "# Old deploy notes\n\nDeploy with the blue green script.\n");
        note("topics/new.md", "# New deploy notes\n\nDeploy with the blue green script.\n");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(365))));
        assertEquals(List.of("New deploy notes", "Old deploy notes"), titles("deploy blue green"));
    }

    @Test
    void rememberCreatesThenAddsToATopicNoteInTheProjectsMemory() throws Exception {
        Memory.Remembered first = memory.remember("CI / flaky tests!", "SoakIT needs 2 cores.", "w03 (session s1)");
        assertTrue(first.created());
        assertEquals(project.resolve(".agentorchestr/memory/topics/ci-flaky-tests.md"), first.file());
        Memory.Remembered again = memory.remember("CI / flaky tests!", "Retry once at most.", "lead (session s2)");
        assertFalse(again.created());
        String text = Files.readString(first.file());
        assertTrue(text.startsWith("# CI / flaky tests!\n\n## "), text);
        assertTrue(text.contains("UTC, w03 (session s1)\n\nSoakIT needs 2 cores.\n"), text);
        assertTrue(text.contains("UTC, lead (session s2)\n\nRetry once at most.\n"), text);
        assertEquals("CI / flaky tests!", memory.recall("soakit", 1).get(0).title());
        assertThrows(IllegalArgumentException.class, () -> memory.remember(" ", "x", "lead"));
        assertThrows(IllegalArgumentException.class, () -> memory.remember("t", "", "lead"));
        assertThrows(IllegalArgumentException.class, () -> memory.recall("x", 21));
    }

    @Test
    void topicsThatShareASlugKeepNotesOfTheirOwnAndTheCaseOfATopicDoesNotSplitIt() throws Exception {
        Path dots = memory.remember("..", "dots", "lead").file();
        Path bangs = memory.remember("!!!", "bangs", "lead").file();
        Path asks = memory.remember("???", "asks", "lead").file();
        assertEquals(3, java.util.Set.of(dots, bangs, asks).size(), dots + " " + bangs + " " + asks);
        assertTrue(Files.readString(bangs).startsWith("# !!!\n"), Files.readString(bangs));
        assertEquals(bangs, memory.remember("!!!", "more bangs", "lead").file(), "the same topic, the same note");
        Path upper = memory.remember("Release Steps", "tag", "lead").file();
        assertEquals(upper, memory.remember("release steps", "push", "lead").file());
    }

    @Test
    void aNoteStopsGrowingAtItsCapAndNotesAndEpisodesAreTheUsersAlone() throws Exception {
        Path file = memory.remember("big", "x".repeat(19_000), "lead").file();
        IllegalArgumentException full = assertThrows(IllegalArgumentException.class, () -> {
            for (int i = 0; i < 20; i++) {
                memory.remember("big", "x".repeat(19_000), "lead");
            }
        });
        assertTrue(full.getMessage().startsWith("the note on 'big' would grow past 200 KB"), full.getMessage());
        assertTrue(Files.size(file) <= Memory.MAX_NOTE_BYTES, "capped: " + Files.size(file));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
    }

    @Test
    void aProjectWithoutAgentorchestrDirectoryKeepsItsNotesInTheDataDirectory() throws Exception {
        Path bare = Files.createDirectories(dir.resolve("bare"));
        try (Memory m = new Memory(SqliteMemoryIndex.open(dir.resolve("data/memory.db")), bare,
                dir.resolve("data/memory"))) {
            Path f = m.remember("Setup", "make bootstrap first", "lead").file();
            assertTrue(f.startsWith(dir.resolve("data/memory/projects")), f.toString());
            assertFalse(Files.exists(bare.resolve(".agentorchestr")));
            assertEquals("Setup", m.recall("bootstrap", 1).get(0).title());
            assertEquals("project-memory:topics/setup.md", m.display(f), "a short name, not the data directory's path");
            assertEquals(List.of(), memory.recall("bootstrap", 5), "another project does not see it");
        }
    }

    @Test
    void theUsersGlobalNotesAreFoundForEveryProject() throws Exception {
        Path global = dir.resolve("data/memory/style.md");
        Files.createDirectories(global.getParent());
        Files.writeString(global, "# House style\n\nNo abbreviations in identifiers.\n");
        MemoryHit hit = memory.recall("abbreviations", 1).get(0);
        assertEquals("global", hit.scope());
        assertEquals("notes", hit.kind());
        assertEquals("global:style.md", memory.display(hit.file()));
    }

    @Test
    void aWorkersPromptGetsTheBestNotesWithinItsBudget() throws Exception {
        note("topics/a.md", "# Invoices\n\n" + "Invoices are numbered per year. ".repeat(100));
        note("topics/b.md", "# Invoice PDFs\n\nRendered with openhtmltopdf.\n");
        String section = memory.forPrompt("Fix invoice numbering", 1_000, 3);
        assertTrue(section.startsWith("## From the project's memory\n"), section);
        assertTrue(section.length() <= 1_000, section.length() + "");
        assertTrue(section.contains("### Invoices (.agentorchestr/memory/topics/a.md)\n"), section);
        assertTrue(section.contains("[... the rest is in the file]"), section);
        assertEquals("", memory.forPrompt("Upgrade the kernel", 1_000, 3));
        assertEquals("", memory.forPrompt("Fix invoice numbering", 0, 3));
    }
}
