package io.agentorchestr.core.session;

import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.FileTrouble;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Only one orchestrator drives a session at a time: an OS file lock on {@code <session dir>/lock},
 * held while the run lasts. The OS drops it when the process dies, even by {@code kill -9}, so a
 * crashed run never leaves a stale lock behind.
 *
 * <p>POSIX drops every lock a process holds on a file when it closes any descriptor of that file, so
 * this process never opens the lock file of a session it holds itself: it remembers those in
 * {@link #HELD_HERE}.
 */
public final class SessionLock implements AutoCloseable {
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SessionLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public static SessionLock acquire(Path sessionDir, String sessionId) {
        Path file = sessionDir.resolve("lock").toAbsolutePath().normalize();
        if (!HELD_HERE.add(file)) {
            throw busy(sessionId);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(file);
                throw busy(sessionId);
            }
            return new SessionLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD_HERE.remove(file);
            throw AgentorchestrException.error(FileTrouble.describe("cannot lock session " + sessionId, e), e);
        }
    }

    private static AgentorchestrException busy(String sessionId) {
        return AgentorchestrException.error("session " + sessionId + " is already being driven by another "
                + "agentorchestr; wait for it to end, or stop it (Ctrl-C pauses it) and run --resume " + sessionId
                + " again");
    }

    /** Null when another process, or another run in this process, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing with a better message
            }
        }
    }

    /** Whether some process holds the lock of the session in {@code sessionDir} right now. */
    /**
     * Whether a live process drives the session now: an auto session's lock is held, or a manual
     * session's owner process is alive.
     */
    public static boolean driven(SessionRecord s) {
        if ("auto".equals(s.mode())) {
            return held(Path.of(s.sessionDir()));
        }
        return s.status() == SessionStatus.RUNNING
                && ProcessHandle.of(s.ownerPid()).map(ProcessHandle::isAlive).orElse(false);
    }

    public static boolean held(Path sessionDir) {
        Path file = sessionDir.resolve("lock").toAbsolutePath().normalize();
        if (HELD_HERE.contains(file)) {
            return true;
        }
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close releases it as well
        }
        closeQuietly(channel);
        HELD_HERE.remove(file);
    }
}
