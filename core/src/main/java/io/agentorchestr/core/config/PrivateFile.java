package io.agentorchestr.core.config;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.FileTrouble;
import io.agentorchestr.core.text.StrictUtf8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file only the user may read, for what holds a secret (an MCP token, the goal as given): created
 * 0600 before anything is written into it, never widened by the umask.
 */
public final class PrivateFile {
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    private PrivateFile() {
    }

    /**
     * @param what what the file is, for the error message ("the MCP configuration")
     */
    public static void write(Path file, String what, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.write(file, StrictUtf8.encode(what, content));
        } catch (IOException e) {
            throw AgentorchestrException.error(FileTrouble.describe("cannot write " + what, e), e);
        }
    }

    /** Adds {@code content} at the end of the file, creating it 0600 (and narrowing one made wider before). */
    public static void append(Path file, String what, String content) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            Files.write(file, StrictUtf8.encode(what, content), java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw AgentorchestrException.error(FileTrouble.describe("cannot write " + what, e), e);
        }
    }

    /** Makes an existing file readable by its owner only; a file system without POSIX modes is left as it is. */
    public static void narrow(Path file) {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (IOException | UnsupportedOperationException e) {
            // Not fatal: the directories around it are private by default.
        }
    }
}
