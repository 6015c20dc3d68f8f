package io.agentorchestr.core.monitor;

import io.agentorchestr.core.config.UntrustedFile;
import io.agentorchestr.core.worker.ControlFiles;
import io.agentorchestr.core.model.WorkerState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * The done-flag file protocol: first line {@code done}, {@code blocked} or {@code failed}, then the
 * summary. Writers create {@code done.flag.tmp} and rename it, so a reader never sees half a file.
 */
public record DoneFlag(WorkerState state, String summary) {
    /** How much of the flag is read: a summary is a few lines, never a file's worth. */
    static final int MAX_BYTES = 64 * 1024;

    /**
     * Reads the flag of a worktree; empty when absent, or still empty: an agent that writes the file
     * in place instead of renaming it is seen between creating and writing it. An unknown first line
     * counts as failed, saying so.
     */
    public static Optional<DoneFlag> read(Path worktree) {
        // The agent writes it: a FIFO or a huge file there must not hang or fill the orchestrator.
        return UntrustedFile.head(ControlFiles.doneFlag(worktree), MAX_BYTES).filter(t -> !t.isBlank())
                .map(DoneFlag::parse);
    }

    static DoneFlag parse(String text) {
        String normalized = text.replace("\r\n", "\n");
        int nl = normalized.indexOf('\n');
        String first = (nl < 0 ? normalized : normalized.substring(0, nl)).strip().toLowerCase(Locale.ROOT);
        String rest = nl < 0 ? "" : normalized.substring(nl + 1).strip();
        return switch (first) {
            case "done" -> new DoneFlag(WorkerState.DONE, rest);
            case "blocked" -> new DoneFlag(WorkerState.BLOCKED, rest);
            case "failed" -> new DoneFlag(WorkerState.FAILED, rest);
            default -> new DoneFlag(WorkerState.FAILED, "unreadable done.flag (first line must be done, blocked "
                    + "or failed): " + normalized.strip());
        };
    }

    /** Writes the flag atomically (tmp file + rename). */
    public void write(Path worktree) throws IOException {
        Path dir = ControlFiles.controlDir(worktree);
        Files.createDirectories(dir);
        Path tmp = dir.resolve(ControlFiles.DONE_FLAG_TMP);
        Files.writeString(tmp, state.label() + "\n" + summary + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(ControlFiles.DONE_FLAG), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
