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

    private InProcess cli;

    private int run(String... args) {
        if (cli == null) {
            cli = new InProcess(dir);
        }
        return cli.run(args);
    }

    @Test
    void helpListsTheModesAndEveryExitCode() {
        assertEquals(0, run("--help"));
        String help = cli.out.toString();
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
        assertTrue(cli.out.toString().startsWith("agentorchestr "), cli.out.toString());
    }

    @Test
    void theVersionAnsweredBeforeTheCommandModelIsTheOneTheModelGives() {
        java.io.StringWriter model = new java.io.StringWriter();
        picocli.CommandLine cmd = Main.commandLine(java.util.Map.of());
        cmd.setOut(new java.io.PrintWriter(model, true));
        assertEquals(0, cmd.execute("--version"));
        assertEquals(0, run("-V"));
        assertEquals(model.toString(), cli.out.toString());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(2, run("--frobnicate"));
        assertTrue(cli.err.toString().contains("agentorchestr: error: Unknown option: '--frobnicate'"), cli.err.toString());
        assertTrue(cli.err.toString().contains("see --help"));
    }

    @Test
    void noModeIsAUsageErrorThatSaysWhatToPass() {
        assertEquals(2, run());
        assertTrue(cli.err.toString().contains("nothing to do; pass --goal \"...\", --manual --task"), cli.err.toString());
    }

    /** One table of modes: the hint with no mode and --help's "Modes" list name every one of them. */
    @Test
    void theHintAndTheHelpListEveryModeFromTheModesTable() {
        java.util.List<String> modes = new AgentorchestrCommand(null).modeLines();
        assertEquals(2, run());
        String hint = cli.err.toString();
        assertEquals(0, run("--help"));
        String help = cli.out.toString();
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
        assertTrue(cli.err.toString().contains("--detect and --doctor cannot be combined"), cli.err.toString());
    }

    @Test
    void aTaskWithoutManualIsRejected() {
        assertEquals(2, run("--task", "x"));
        assertTrue(cli.err.toString().contains("--task goes with --manual"), cli.err.toString());
    }

    @Test
    void anEmptyTaskIsAUsageErrorBeforeAnyToolIsTouched() {
        assertEquals(2, run("--manual", "--task", "   "));
        assertTrue(cli.err.toString().contains("the task is empty; pass it with --task"), cli.err.toString());
        assertEquals("", cli.out.toString());
    }

    @Test
    void anUnknownAgentIsAUsageErrorListingTheKnownOnes() {
        assertEquals(2, run("--manual", "--task", "x", "--agents", "nosuch"));
        assertTrue(cli.err.toString().contains("unknown agent 'nosuch'; known agents: claude, openclaude, codex"),
                cli.err.toString());
    }

    @Test
    void aBadDurationIsAUsageError() {
        assertEquals(2, run("--manual", "--task", "x", "--timeout", "soon"));
        assertTrue(cli.err.toString().contains("'soon' is not a duration"), cli.err.toString());
    }

    @Test
    void anEmptyGoalIsAUsageError() {
        assertEquals(2, run("--goal", "  \n "));
        assertTrue(cli.err.toString().contains("the goal is empty"), cli.err.toString());
    }

    @Test
    void theGoalIsPassedOneWay() throws IOException {
        Path file = Files.writeString(dir.resolve("goal.md"), "g");
        assertEquals(2, run("--goal", "x", "--goal-file", file.toString()));
        assertTrue(cli.err.toString().contains("cannot be combined") || cli.err.toString().contains("pass the goal one way"),
                cli.err.toString());
    }

    @Test
    void goalAndManualCannotBeCombined() {
        assertEquals(2, run("--goal", "x", "--manual", "--task", "y"));
        assertTrue(cli.err.toString().contains("--goal and --manual cannot be combined"), cli.err.toString());
    }

    @Test
    void aMissingGoalFileIsAUsageError() {
        assertEquals(2, run("--goal-file", dir.resolve("nope.md").toString()));
        assertTrue(cli.err.toString().contains("does not exist"), cli.err.toString());
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aGoalFileThatIsAPipeIsRefusedAtOnceNotWaitedOn() throws Exception {
        Path fifo = dir.resolve("goal.fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assertEquals(2, run("--goal-file", fifo.toString()));
        assertTrue(cli.err.toString().contains("is not a regular file (a pipe, socket or device)"), cli.err.toString());
    }

    @Test
    void aBareRepositoryGetsNothingWrittenIntoItAndSaysToUseAClone() throws Exception {
        Path bare = dir.resolve("b.git");
        new ProcessBuilder("git", "init", "-q", "--bare", bare.toString()).start().waitFor();
        assertEquals(2, run("--init", "--project", bare.toString()));
        assertTrue(cli.err.toString().contains("is a bare repository (no working tree)"), cli.err.toString());
        assertEquals(2, run("--goal", "x", "--agents", "demo", "--no-attach", "--project", bare.toString()));
        assertTrue(cli.err.toString().contains("run agentorchestr in a clone of it"), cli.err.toString());
        assertTrue(Files.notExists(bare.resolve(".agentorchestr")) && Files.notExists(bare.resolve(".gitignore")));
    }

    @Test
    void aSha256RepositoryIsRefusedWithTheReasonNotAnInternalError() throws Exception {
        Path repo = dir.resolve("sha256");
        new ProcessBuilder("git", "init", "-q", "--object-format=sha256", repo.toString()).start().waitFor();
        assertEquals(2, run("--goal", "x", "--agents", "demo", "--no-attach", "--project", repo.toString()));
        assertTrue(cli.err.toString().contains("is a sha256 repository; agentorchestr works with SHA-1 repositories only"),
                cli.err.toString());
    }

    @Test
    void aGoalFileThatIsNotUtf8IsAUsageErrorWithAFix() throws IOException {
        Path file = Files.write(dir.resolve("latin1.txt"), new byte[]{'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertEquals(2, run("--goal-file", file.toString()));
        assertTrue(cli.err.toString().contains("is not valid UTF-8; convert it"), cli.err.toString());
    }

    @Test
    void aLeadThatCannotLeadIsRefusedNamingThoseThatCan() {
        assertEquals(2, run("--goal", "x", "--lead", "aider"));
        assertTrue(cli.err.toString().contains("agent 'aider' cannot lead"), cli.err.toString());
        assertTrue(cli.err.toString().contains("claude"), cli.err.toString());
    }

    @Test
    void errorsCarryNoStackTraceUnlessVerbose() {
        run("--manual", "--task", "x", "--agents", "nosuch");
        assertTrue(!cli.err.toString().contains("\tat "), cli.err.toString());
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
        String help = cli.out.toString();
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
        assertTrue(cli.err.toString().contains("--force goes with --clean"), cli.err.toString());
    }

    @Test
    void cleanNeedsIdsOrFinishedAndItsSubOptionsNeedIt() {
        assertEquals(2, run("--clean"));
        assertTrue(cli.err.toString().contains("--clean needs session ids or --finished"), cli.err.toString());
        assertEquals(2, run("--finished"));
        assertTrue(cli.err.toString().contains("--finished goes with --clean"), cli.err.toString());
    }

    @Test
    void aGoalFileThatIsADirectoryNamesTheFix() {
        assertEquals(2, run("--goal-file", dir.toString()));
        assertTrue(cli.err.toString().contains("is a directory; pass the path of a UTF-8 text file"), cli.err.toString());
    }
}
