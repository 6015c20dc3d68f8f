package io.agentorchestr.core.monitor;

import io.agentorchestr.core.worker.ControlFiles;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoneFlagTest {
    @TempDir
    Path worktree;

    @Test
    void writeThenReadRoundTripsAndLeavesNoTempFile() throws IOException {
        new DoneFlag(WorkerState.BLOCKED, "need the API key\nsecond line").write(worktree);
        DoneFlag read = DoneFlag.read(worktree).orElseThrow();
        assertEquals(WorkerState.BLOCKED, read.state());
        assertEquals("need the API key\nsecond line", read.summary());
        assertFalse(Files.exists(ControlFiles.controlDir(worktree).resolve(ControlFiles.DONE_FLAG_TMP)));
    }

    @Test
    void absentFlagReadsAsEmpty() {
        assertTrue(DoneFlag.read(worktree).isEmpty());
    }

    @Test
    void aFlagCreatedButNotWrittenYetIsNoSignal() throws IOException {
        Files.createDirectories(ControlFiles.controlDir(worktree));
        Files.writeString(ControlFiles.doneFlag(worktree), "");
        assertTrue(DoneFlag.read(worktree).isEmpty(), "an agent writing in place is seen between open and write");
        Files.writeString(ControlFiles.doneFlag(worktree), "failed\ntests broke\n");
        assertEquals("tests broke", DoneFlag.read(worktree).orElseThrow().summary());
    }

    /** The agent owns the file: a FIFO there would block a plain read until someone writes to it. */
    @Test
    void aFifoOrALinkToADeviceIsNoSignalAndDoesNotHang() throws Exception {
        Files.createDirectories(ControlFiles.controlDir(worktree));
        Process mkfifo = new ProcessBuilder("mkfifo", ControlFiles.doneFlag(worktree).toString()).start();
        assertEquals(0, mkfifo.waitFor());
        assertTrue(DoneFlag.read(worktree).isEmpty());
        Files.delete(ControlFiles.doneFlag(worktree));
        Files.createSymbolicLink(ControlFiles.doneFlag(worktree), Path.of("/dev/zero"));
        assertTrue(DoneFlag.read(worktree).isEmpty());
    }

    @Test
    void aHugeFlagIsReadOnlyAsFarAsASummaryGoes() throws IOException {
        Files.createDirectories(ControlFiles.controlDir(worktree));
        Files.writeString(ControlFiles.doneFlag(worktree), "done\n" + "y".repeat(20_000_000));
        DoneFlag flag = DoneFlag.read(worktree).orElseThrow();
        assertEquals(WorkerState.DONE, flag.state());
        assertEquals(DoneFlag.MAX_BYTES - "done\n".length(), flag.summary().length());
    }

    @Test
    void firstLineIsCaseAndSpaceInsensitive() {
        assertEquals(WorkerState.DONE, DoneFlag.parse("  DONE \r\nall fine").state());
    }

    @Test
    void anUnknownFirstLineCountsAsFailedAndSaysWhy() {
        DoneFlag flag = DoneFlag.parse("finished\nstuff");
        assertEquals(WorkerState.FAILED, flag.state());
        assertTrue(flag.summary().contains("first line must be done, blocked or failed"));
    }
}
