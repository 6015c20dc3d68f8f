package io.agentorchestr.core.context;

import io.agentorchestr.core.hooks.HookSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectInitTest {
    @TempDir
    Path root;

    private Map<String, String> tree() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                files.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "/");
            }
        }
        return files;
    }

    @Test
    void everythingIsScaffoldedValidAndASecondRunChangesNothing() throws Exception {
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve(".gitignore"), "target/");
        List<InitEntry> first = ProjectInit.run(root, false);
        assertTrue(first.stream().noneMatch(e -> e.action() == InitEntry.Action.KEPT), first.toString());
        assertEquals(List.of("mvn -B -q verify"), VerifyCommands.load(root).commands(), "verify reads PROJECT.md");
        assertTrue(HookSet.load(root.resolve("no-config"), root).isEmpty(), "hooks.json is valid and empty");
        assertFalse(Toml.parse(Files.readString(root.resolve(".agentorchestr/config.toml"))).hasErrors());
        assertEquals(ContextBudgets.DEFAULT, ContextBudgets.load(root), "config.toml sets nothing by default");
        assertEquals("target/\n\n# agentorchestr: machine-local files (worker control files, episodes, research "
                + "cache, installed skills, --init-force backups)\n"
                + ".agentorchestr/done.flag\n.agentorchestr/done.flag.tmp\n.agentorchestr/memory/episodes/\n"
                + ".agentorchestr/memory/research/\n.agentorchestr/skills/\n.agentorchestr/*.bak\n",
                Files.readString(root.resolve(".gitignore")));
        for (String d : List.of("memory/topics", "memory/episodes", "memory/research", "skills")) {
            assertTrue(Files.isDirectory(root.resolve(".agentorchestr").resolve(d)), d);
        }

        Map<String, String> before = tree();
        List<InitEntry> second = ProjectInit.run(root, false);
        assertTrue(second.stream().allMatch(e -> e.action() == InitEntry.Action.KEPT), second.toString());
        assertEquals(before, tree());
    }

    @Test
    void anOlderInitsGitignoreGetsOnlyTheMissingLinesUnderItsOwnHeader() throws Exception {
        Files.writeString(root.resolve(".gitignore"), "# agentorchestr: worker control files, cached research, "
                + "--init-force backups\n.agentorchestr/done.flag\n.agentorchestr/done.flag.tmp\n"
                + ".agentorchestr/memory/research/\n.agentorchestr/*.bak\n");
        ProjectInit.run(root, false);
        assertEquals("# agentorchestr: worker control files, cached research, --init-force backups\n"
                + ".agentorchestr/done.flag\n.agentorchestr/done.flag.tmp\n.agentorchestr/memory/research/\n"
                + ".agentorchestr/*.bak\n.agentorchestr/memory/episodes/\n.agentorchestr/skills/\n",
                Files.readString(root.resolve(".gitignore")));
    }

    @Test
    void symlinksOutOfTheRepositoryAreNeverWrittenThroughAndAreSaidToBeSkipped(@TempDir Path elsewhere)
            throws Exception {
        Path shared = Files.writeString(elsewhere.resolve("shared.md"), "the team's text\n");
        Path ignore = Files.writeString(elsewhere.resolve("ignore"), "*.log\n");
        Files.createDirectories(root.resolve(".agentorchestr"));
        Files.createSymbolicLink(root.resolve(".agentorchestr/PROJECT.md"), shared);
        Files.createSymbolicLink(root.resolve(".gitignore"), ignore);
        List<InitEntry> report = ProjectInit.run(root, true);
        assertEquals("the team's text\n", Files.readString(shared), "the linked file is untouched");
        assertEquals("*.log\n", Files.readString(ignore), "the linked .gitignore got nothing appended");
        assertTrue(Files.notExists(elsewhere.resolve("shared.md.bak")), "no backup written outside either");
        assertTrue(report.stream().anyMatch(e -> e.path().equals(".agentorchestr/PROJECT.md")
                && e.action() == InitEntry.Action.SKIPPED && e.detail().contains("outside the repository")), report
                .toString());
        assertTrue(report.stream().anyMatch(e -> e.path().equals(".gitignore")
                && e.action() == InitEntry.Action.SKIPPED), report.toString());
        assertTrue(Files.isRegularFile(root.resolve(".agentorchestr/config.toml")), "the rest is written");
    }

    @Test
    void aLinkedAgentorchestrDirectoryGetsNothingWrittenIntoIt(@TempDir Path elsewhere) throws Exception {
        Files.createSymbolicLink(root.resolve(".agentorchestr"), elsewhere);
        List<InitEntry> report = ProjectInit.run(root, false);
        try (var files = Files.list(elsewhere)) {
            assertEquals(List.of(), files.toList(), "nothing written outside");
        }
        assertEquals(InitEntry.Action.SKIPPED, report.get(0).action(), report.toString());
    }

    @Test
    void forceRewritesOnlyTheScaffoldedFilesKeepingABackupThatASecondForceDoesNotOverwrite() throws Exception {
        ProjectInit.run(root, false);
        Path project = root.resolve(".agentorchestr/PROJECT.md");
        Files.writeString(project, "# Mine\nhand-written\n");
        Path note = root.resolve(".agentorchestr/memory/topics/db.md");
        Files.writeString(note, "# db\nuse WAL\n");

        List<InitEntry> forced = ProjectInit.run(root, true);
        assertEquals(InitEntry.Action.REWRITTEN, forced.get(0).action());
        assertEquals("# Mine\nhand-written\n", Files.readString(root.resolve(".agentorchestr/PROJECT.md.bak")));
        assertTrue(Files.readString(project).contains("## How to verify"));
        assertEquals("# db\nuse WAL\n", Files.readString(note), "notes are the user's");
        assertEquals(InitEntry.Action.KEPT, forced.get(1).action(), "CONVENTIONS.md was already the scaffold");

        ProjectInit.run(root, true);
        assertEquals("# Mine\nhand-written\n", Files.readString(root.resolve(".agentorchestr/PROJECT.md.bak")));
    }
}
