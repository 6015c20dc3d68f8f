package io.agentorchestr.core.error;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * Turns a failed file operation into a message that names the real cause and its fix: a full disk
 * is not a permission problem, and text that cannot be encoded is neither.
 */
public final class FileTrouble {
    private FileTrouble() {
    }

    /**
     * Whether {@code e} (or a cause) says a disk is full: ENOSPC from the file system, SQLITE_FULL from
     * the store, or a quota reached. Such a failure passes once space is freed, unlike most others.
     */
    public static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no space left") || m.contains("sqlite_full") || m.contains("database or disk is full")
                    || m.contains("disk quota exceeded")) {
                return true;
            }
        }
        return false;
    }

    public static String describe(String doing, IOException e) {
        if (e instanceof CharacterCodingException) {
            return doing + ": the text cannot be written as UTF-8 (it contains an invalid character such as a "
                    + "lone UTF-16 surrogate)";
        }
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : null;
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
        String where = file == null ? "" : " " + file;
        return doing + ":" + where + ": " + reason + fix(reason);
    }

    private static String fix(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("no space left")) {
            return "; free some space on that disk, then try again";
        }
        if (r.contains("quota")) {
            return "; you are over your disk quota: free some space, then try again";
        }
        if (r.contains("read-only")) {
            return "; that file system is mounted read-only: point the state directory elsewhere "
                    + "(AGENTORCHESTR_STATE_DIR, AGENTORCHESTR_DATA_DIR)";
        }
        if (r.contains("permission denied") || r.contains("operation not permitted")) {
            return "; check the permissions of that path";
        }
        if (r.contains("not a directory")) {
            return "; a file stands where a directory is needed: move it aside";
        }
        return "";
    }
}
