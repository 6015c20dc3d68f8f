package io.agentorchestr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line in-process: parsing, help and the usage errors that need no tools. */
class MainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        InProcess cli = new InProcess(dir);
        int status = cli.run(args);
        out.append(cli.out.toString());
        err.append(cli.err.toString());
        return status;
    }

    @Test
    void helpListsTheModesAndEveryExitCode() {
        assertEquals(0, run("--help"));
        String help = out.toString();
        for (String flag : new String[]{"--goal", "--goal-file", "--interactive", "--lead", "--max-workers", "--manual", "--task", "--agents", "--detect", "--doctor", "--list-sessions",
            "--json", "--[no-]attach", "--timeout", "--base", "--project"}) {
            assertTrue(help.contains(flag), flag);
        }
        assertTrue(help.contains("Exit codes:"));
        assertTrue(help.contains("0  success"));
        assertTrue(help.contains("2  bad usage"));
        assertTrue(help.contains("3  task or goal failed"));
        assertTrue(help.contains("4  interrupted"));
    }

    @Test
    void versionIsPrintedOnStdout() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("agentorchestr "), out.toString());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(2, run("--frobnicate"));
        assertTrue(err.toString().contains("agentorchestr: error: Unknown option: '--frobnicate'"), err.toString());
        assertTrue(err.toString().contains("see --help"));
    }

    @Test
    void noModeIsAUsageErrorThatSaysWhatToPass() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("nothing to do; pass --goal \"...\", --manual --task"), err.toString());
    }

    /** One table of modes: the hint with no mode and --help's "Modes" list name every one of them. */
    @Test
    void theHintAndTheHelpListEveryModeFromTheModesTable() {
        java.util.List<String> modes = new AgentorchestrCommand(null).modeLines();
        assertEquals(2, run());
        String hint = err.toString();
        assertEquals(0, run("--help"));
        String help = out.toString();
        assertTrue(modes.size() >= 20, modes.toString());
        for (String mode : modes) {
            assertTrue(hint.contains(mode.strip()), mode + " in the hint: " + hint);
            assertTrue(help.contains("\n" + mode + System.lineSeparator()) || help.contains(mode + "\n"),
                    mode + " in --help: " + help);
        }
    }

    @Test
    void modesCannotBeCombined() {
        assertEquals(2, run("--detect", "--doctor"));
        assertTrue(err.toString().contains("--detect and --doctor cannot be combined"), err.toString());
    }

    @Test
    void aTaskWithoutManualIsRejected() {
        assertEquals(2, run("--task", "x"));
        assertTrue(err.toString().contains("--task goes with --manual"), err.toString());
    }

    @Test
    void anEmptyTaskIsAUsageErrorBeforeAnyToolIsTouched() {
        assertEquals(2, run("--manual", "--task", "   "));
        assertTrue(err.toString().contains("the task is empty; pass it with --task"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void anUnknownAgentIsAUsageErrorListingTheKnownOnes() {
        assertEquals(2, run("--manual", "--task", "x", "--agents", "nosuch"));
        assertTrue(err.toString().contains("unknown agent 'nosuch'; known agents: claude, openclaude, codex"),
                err.toString());
    }

    @Test
    void aBadDurationIsAUsageError() {
        assertEquals(2, run("--manual", "--task", "x", "--timeout", "soon"));
        assertTrue(err.toString().contains("'soon' is not a duration"), err.toString());
    }

    @Test
    void anEmptyGoalIsAUsageError() {
        assertEquals(2, run("--goal", "  \n "));
        assertTrue(err.toString().contains("the goal is empty"), err.toString());
    }

    @Test
    void theGoalIsPassedOneWay() throws IOException {
        Path file = Files.writeString(dir.resolve("goal.md"), "g");
        assertEquals(2, run("--goal", "x", "--goal-file", file.toString()));
        assertTrue(err.toString().contains("cannot be combined") || err.toString().contains("pass the goal one way"),
                err.toString());
    }

    @Test
    void goalAndManualCannotBeCombined() {
        assertEquals(2, run("--goal", "x", "--manual", "--task", "y"));
        assertTrue(err.toString().contains("--goal and --manual cannot be combined"), err.toString());
    }

    @Test
    void aMissingGoalFileIsAUsageError() {
        assertEquals(2, run("--goal-file", dir.resolve("nope.md").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aGoalFileThatIsAPipeIsRefusedAtOnceNotWaitedOn() throws Exception {
        Path fifo = dir.resolve("goal.fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assertEquals(2, run("--goal-file", fifo.toString()));
        assertTrue(err.toString().contains("is not a regular file (a pipe, socket or device)"), err.toString());
    }

    @Test
    void aBareRepositoryGetsNothingWrittenIntoItAndSaysToUseAClone() throws Exception {
        Path bare = dir.resolve("b.git");
        new ProcessBuilder("git", "init", "-q", "--bare", bare.toString()).start().waitFor();
        assertEquals(2, run("--init", "--project", bare.toString()));
        assertTrue(err.toString().contains("is a bare repository (no working tree)"), err.toString());
        assertEquals(2, run("--goal", "x", "--agents", "demo", "--no-attach", "--project", bare.toString()));
        assertTrue(err.toString().contains("run agentorchestr in a clone of it"), err.toString());
        assertTrue(Files.notExists(bare.resolve(".agentorchestr")) && Files.notExists(bare.resolve(".gitignore")));
    }

    @Test
    void aSha256RepositoryIsRefusedWithTheReasonNotAnInternalError() throws Exception {
        Path repo = dir.resolve("sha256");
        new ProcessBuilder("git", "init", "-q", "--object-format=sha256", repo.toString()).start().waitFor();
        assertEquals(2, run("--goal", "x", "--agents", "demo", "--no-attach", "--project", repo.toString()));
        assertTrue(err.toString().contains("is a sha256 repository; agentorchestr works with SHA-1 repositories only"),
                err.toString());
    }

    @Test
    void aGoalFileThatIsNotUtf8IsAUsageErrorWithAFix() throws IOException {
        Path file = Files.write(dir.resolve("latin1.txt"), new byte[]{'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertEquals(2, run("--goal-file", file.toString()));
        assertTrue(err.toString().contains("is not valid UTF-8; convert it"), err.toString());
    }

    @Test
    void aLeadThatCannotLeadIsRefusedNamingThoseThatCan() {
        assertEquals(2, run("--goal", "x", "--lead", "aider"));
        assertTrue(err.toString().contains("agent 'aider' cannot lead"), err.toString());
        assertTrue(err.toString().contains("claude"), err.toString());
    }

    @Test
    void errorsCarryNoStackTraceUnlessVerbose() {
        run("--manual", "--task", "x", "--agents", "nosuch");
        assertTrue(!err.toString().contains("\tat "), err.toString());
    }

    @Test
    void noColorTurnsOffTheHelpsColoursEvenWhereTheyAreForced() {
        String before = System.getProperty("picocli.ansi");
        System.setProperty("picocli.ansi", "true");
        try {
            StringWriter coloured = new StringWriter();
            Main.run(new PrintWriter(coloured, true), new PrintWriter(new StringWriter(), true), Map.of("HOME",
                    dir.toString()), "--help");
            assertTrue(coloured.toString().contains("\u001b["), "colours are forced on");
            StringWriter plain = new StringWriter();
            Main.run(new PrintWriter(plain, true), new PrintWriter(new StringWriter(), true), Map.of("HOME",
                    dir.toString(), "NO_COLOR", "1"), "--help");
            assertFalse(plain.toString().contains("\u001b"), plain.toString());
        } finally {
            if (before == null) {
                System.clearProperty("picocli.ansi");
            } else {
                System.setProperty("picocli.ansi", before);
            }
        }
    }

    @Test
    void helpWrapsOnlyAtSpacesSoEveryWordOfEveryDescriptionStaysWhole() {
        assertEquals(0, run("--help"));
        String help = out.toString();
        java.util.Set<String> printed = new java.util.HashSet<>(java.util.Arrays.asList(help.split("\\s+")));
        for (picocli.CommandLine.Model.OptionSpec o : Main.commandLine(Map.of()).getCommandSpec().options()) {
            for (String word : String.join(" ", o.description()).split("\\s+")) {
                assertTrue(word.isEmpty() || printed.contains(word), "'" + word + "' of " + o.longestName()
                        + " is broken across lines:\n" + help);
            }
        }
        assertTrue(help.contains("~/.ssh/id_ed25519") && help.contains("PROJECT.md"), help);
        assertTrue(help.lines().allMatch(l -> l.length() <= 80 || l.indexOf(' ', 32) < 0), "lines fit 80 columns "
                + "but for a single long word:\n" + help);
    }

    @Test
    void forceGoesWithClean() {
        assertEquals(2, run("--force"));
        assertTrue(err.toString().contains("--force goes with --clean"), err.toString());
    }

    @Test
    void cleanNeedsIdsOrFinishedAndItsSubOptionsNeedIt() {
        assertEquals(2, run("--clean"));
        assertTrue(err.toString().contains("--clean needs session ids or --finished"), err.toString());
        assertEquals(2, run("--finished"));
        assertTrue(err.toString().contains("--finished goes with --clean"), err.toString());
    }

    @Test
    void aGoalFileThatIsADirectoryNamesTheFix() {
        assertEquals(2, run("--goal-file", dir.toString()));
        assertTrue(err.toString().contains("is a directory; pass the path of a UTF-8 text file"), err.toString());
    }
}
