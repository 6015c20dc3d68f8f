package io.agentorchestr.core.worker;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.FileTrouble;
import io.agentorchestr.core.text.StrictUtf8;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A worker's own files: its prompt, its pane log, its control directory in the worktree. */
final class WorkerFiles {
    private WorkerFiles() {
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String readPrompt(Path sessionDir, String id) {
        try {
            return Files.readString(sessionDir.resolve("prompts").resolve(id + ".md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot read the first prompt of " + id + " (" + e.getMessage()
                    + "); it is needed to start the worker again", e);
        }
    }

    static void createLogDirectory(Path log) {
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw AgentorchestrException.error(FileTrouble.describe("cannot create the pane log directory", e), e);
        }
    }

    static void write(Path worktree, Path promptFile, String prompt, Path log) {
        try {
            Files.createDirectories(ControlFiles.controlDir(worktree));
            Files.createDirectories(promptFile.getParent());
            Files.write(promptFile, StrictUtf8.encode("the worker's prompt", prompt));
            Files.createDirectories(log.getParent());
            // Created if missing, never truncated: the pane opening meanwhile may already append to it.
            Files.write(log, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw AgentorchestrException.error(FileTrouble.describe("cannot write the worker's files", e), e);
        }
    }
}
