package io.agentorchestr.core.session;

import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.config.AppPaths;
import io.agentorchestr.core.config.PrivateFile;
import io.agentorchestr.core.error.AgentorchestrException;

import io.agentorchestr.core.tmux.PaneLayout;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Per-session directories (prompts, pane logs): private to the user (0700), created fresh. */
public final class SessionDirectories {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final AppPaths paths;

    public SessionDirectories(AppPaths paths) {
        this.paths = paths;
    }

    /** The file that keeps the goal (or task) as the user gave it; the store keeps it with secrets masked. */
    public static Path goalFile(Path sessionDir) {
        return sessionDir.resolve("goal.md");
    }

    /** Keeps {@code goal} as given, readable by the user only. */
    public static void saveGoal(Path sessionDir, String goal) {
        PrivateFile.write(goalFile(sessionDir), "the goal", goal);
    }

    /** The session's pane layout ({@link PaneLayout#load}). */
    public static PaneLayout layoutOf(SessionRecord session) {
        return PaneLayout.load(Path.of(session.sessionDir()));
    }

    /** The goal as the user gave it, or the stored (masked) one when its file is gone. */
    public static String goalOf(SessionRecord session) {
        try {
            return Files.readString(goalFile(Path.of(session.sessionDir())), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return session.goal();
        }
    }

    public Path create(String sessionId) {
        Path dir = paths.sessionDir(sessionId);
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            // The umask may have cut bits off at creation; make it exactly 0700.
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            return dir;
        } catch (FileAlreadyExistsException e) {
            throw AgentorchestrException.error("session directory " + dir + " already exists; retry (a new id is "
                    + "drawn each time)", e);
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot create the session directory " + dir + ": " + e
                    + "; check permissions and free space, or set AGENTORCHESTR_STATE_DIR", e);
        }
    }
}
