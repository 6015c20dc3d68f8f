package io.agentorchestr.core.monitor;

import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.tmux.PaneRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the completion detector watches for a launched worker: its pane, worktree, log and exit file. */
public final class WorkerWatch {
    private WorkerWatch() {
    }

    /**
     * What the completion detector watches for a launched worker. Its prompts are read back to ignore
     * quotes of them: this attempt's, and the first one, which a resumed conversation shows again.
     */
    public static WatchedWorker of(WorkerRecord worker, Path sessionDir) {
        Path log = Path.of(worker.logPath());
        String attempt = log.getFileName().toString().replaceFirst("\\.log$", "");
        String prompts = readQuietly(sessionDir.resolve("prompts").resolve(attempt + ".md"));
        if (!attempt.equals(worker.id())) {
            prompts += "\n" + readQuietly(sessionDir.resolve("prompts").resolve(worker.id() + ".md"));
        }
        return new WatchedWorker(worker.id(), new PaneRef(worker.paneId()), Path.of(worker.worktree()), log,
                GatedCommand.exitFileFor(log), OutputMarkers.ignoringQuotesOf(prompts));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

}
