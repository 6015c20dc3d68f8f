package io.agentorchestr.cli.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressLinesTest {
    @TempDir
    Path dir;

    @Test
    void whileATmuxClientOwnsTheTerminalLinesGoOnlyToTheLogAndTheStatusLine() throws Exception {
        List<String> terminal = new ArrayList<>();
        List<String> status = new ArrayList<>();
        ProgressLines lines = new ProgressLines(terminal::add);
        lines.accept("before the session");
        lines.into(dir.resolve("progress.log"), status::add);
        lines.accept("w01 started");
        lines.terminalOwned(true);
        lines.accept("w01 done");
        lines.terminalOwned(false);
        lines.accept("goal done");

        assertEquals(List.of("before the session", "w01 started", "goal done"), terminal);
        assertEquals(List.of("w01 started", "w01 done", "goal done"), status);
        List<String> log = Files.readAllLines(dir.resolve("progress.log"));
        assertEquals(3, log.size(), log.toString());
        assertTrue(log.get(1).matches("\\d\\d:\\d\\d:\\d\\d w01 done"), log.toString());
    }
}
