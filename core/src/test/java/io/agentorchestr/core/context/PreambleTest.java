package io.agentorchestr.core.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreambleTest {
    @TempDir
    Path dir;

    private Path project() throws Exception {
        return Files.createDirectories(dir.resolve("p/.agentorchestr")).getParent();
    }

    @Test
    void globalThenProjectThenConventionsEachUnderItsHeading() throws Exception {
        Path project = project();
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("global.md"), "Answer in British English.\n");
        Files.writeString(project.resolve(".agentorchestr/PROJECT.md"), "# Shop\r\nA Maven shop.\r\n");
        Files.writeString(project.resolve(".agentorchestr/CONVENTIONS.md"), "Tabs, never spaces.");
        Preamble p = Preamble.load(config, project);
        assertEquals("""
                # Project context

                ## Your standing instructions (global.md)
                Answer in British English.

                ## Project (PROJECT.md)
                # Shop
                A Maven shop.

                ## Conventions (CONVENTIONS.md)
                Tabs, never spaces.

                """, p.text());
        assertEquals(p, Preamble.load(config, project), "the same files give the same bytes");
        assertTrue(p.cuts().isEmpty());
    }

    @Test
    void noFilesNoPreamble() throws Exception {
        assertTrue(Preamble.load(dir.resolve("none"), project()).isEmpty());
    }

    @Test
    void aFileOverItsBudgetIsCutAtALineAndTheCutSaysWhereTheRestIs() throws Exception {
        Path project = project();
        Files.writeString(project.resolve(".agentorchestr/config.toml"), "[context]\nproject_chars = 100\n");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(project.resolve(".agentorchestr/PROJECT.md"), text);
        Preamble p = Preamble.load(dir.resolve("none"), project);
        assertTrue(p.text().contains("line 12\n\n[agentorchestr cut this section here: PROJECT.md has "
                + text.toString().strip().length() + " characters and its budget is 100; read "), p.text());
        assertFalse(p.text().contains("line 13"), p.text());
        assertEquals(1, p.cuts().size());
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String s = "a".repeat(9) + "\uD83D\uDE00" + "b".repeat(10);
        assertEquals("a".repeat(9), io.agentorchestr.core.text.TextCut.atLine(s, 10));
    }

    @Test
    void aBadBudgetIsRefusedNamingTheKey() throws Exception {
        Path project = project();
        Files.writeString(project.resolve(".agentorchestr/config.toml"), "[context]\nglobal_chars = -1\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.agentorchestr.core.error.AgentorchestrException.class,
                () -> Preamble.load(dir, project));
        assertTrue(e.getMessage().startsWith("[context] global_chars in "), e.getMessage());
    }
}
