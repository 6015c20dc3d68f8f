package io.agentorchestr.cli.docs;

import io.agentorchestr.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ManPageTest {
    @TempDir
    Path dir;

    @Test
    void theManPageDocumentsEveryOptionAndExitCode() {
        CommandLine cmd = Main.commandLine(Map.of());
        String page = ManPage.render(cmd, "1.2.3");
        assertTrue(page.startsWith(".TH AGENTORCHESTR 1 "), page);
        for (var o : cmd.getCommandSpec().options()) {
            for (String name : o.names()) {
                assertTrue(page.contains("\\fB" + name.replace("-", "\\-") + "\\fR"), name);
            }
        }
        for (String section : new String[]{".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH EXIT STATUS",
            ".SH ENVIRONMENT", ".SH FILES"}) {
            assertTrue(page.contains(section), section);
        }
        assertTrue(Arrays.stream(page.split("\\n")).noneMatch(l -> l.startsWith(".") && l.contains("${")), page);
    }

    @Test
    void theBuildStepWritesManPageAndCompletionForBashAndZsh() throws Exception {
        GenerateDocs.main(new String[]{dir.toString()});
        String bash = Files.readString(dir.resolve("bash-completion/completions/agentorchestr"));
        assertTrue(bash.contains("--goal-file") && bash.contains("--clean") && bash.contains("complete -F"), bash);
        String zsh = Files.readString(dir.resolve("zsh/agentorchestr-completion.zsh"));
        assertTrue(zsh.contains("bashcompinit"), zsh);
        assertTrue(Files.readString(dir.resolve("man/man1/agentorchestr.1")).contains(".SH OPTIONS"));
    }
}
