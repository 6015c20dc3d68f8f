package io.agentorchestr.core.error;

import org.junit.jupiter.api.Test;

import java.nio.charset.MalformedInputException;
import java.nio.file.FileSystemException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTroubleTest {
    @Test
    void aFullDiskIsNamedWithItsFix() {
        String m = FileTrouble.describe("cannot write the worker's files",
                new FileSystemException("/s/prompts/w01.md", null, "No space left on device"));
        assertEquals("cannot write the worker's files: /s/prompts/w01.md: No space left on device; free some space "
                + "on that disk, then try again", m);
    }

    @Test
    void textThatCannotBeEncodedIsNotBlamedOnTheDisk() {
        String m = FileTrouble.describe("cannot write the worker's files", new MalformedInputException(1));
        assertTrue(m.contains("cannot be written as UTF-8"), m);
        assertFalse(m.contains("space"), m);
    }

    @Test
    void permissionAndReadOnlyProblemsSayWhatToCheck() {
        assertTrue(FileTrouble.describe("x", new FileSystemException("/f", null, "Read-only file system"))
                .contains("AGENTORCHESTR_STATE_DIR"));
        assertTrue(FileTrouble.describe("x", new java.nio.file.AccessDeniedException("/f"))
                .endsWith("check the permissions of that path"));
    }
}
