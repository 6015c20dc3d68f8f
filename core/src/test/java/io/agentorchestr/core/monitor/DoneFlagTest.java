package io.agentorchestr.core.monitor;

import io.agentorchestr.core.worker.ControlFiles;
import io.agentorchestr.core.worker.WorkerState;
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
