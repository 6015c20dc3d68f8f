package io.agentorchestr.shim;

import io.agentorchestr.core.error.AgentorchestrException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One shim's files. Next to its card, in the 0700 cards directory: the JSON-RPC socket, the private
 * tmux server's socket and config. In the state directory: the pane log and the exit file, which can
 * grow or outlive a tmpfs runtime directory's limits.
 */
record ShimFiles(Path card, Path socket, Path tmuxSocket, Path tmuxConf, Path log, Path exit) {
    /** Unix socket paths longer than this fail to bind on Linux (108 bytes with the NUL) and macOS (104). */
    private static final int MAX_SOCKET_PATH = 100;

    static ShimFiles of(Path cardsDir, Path stateDir, String name, long pid) {
        String base = name + "-" + pid;
        Path logs = stateDir.resolve("shim");
        ShimFiles f = new ShimFiles(cardsDir.resolve(base + ".json"), cardsDir.resolve(base + ".sock"),
                cardsDir.resolve(base + ".tmux"), cardsDir.resolve(base + ".tmux.conf"), logs.resolve(base + ".log"),
                logs.resolve(base + ".exit"));
        for (Path socket : List.of(f.socket, f.tmuxSocket)) {
            if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                throw AgentorchestrException.usage("the socket path " + socket + " is too long for a Unix socket; "
                        + "set XDG_RUNTIME_DIR to a shorter directory, or use a shorter --name");
            }
        }
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot create " + logs + ": " + e.getMessage()
                    + "; check AGENTORCHESTR_STATE_DIR / XDG_STATE_HOME", e);
        }
        return f;
    }

    /** Everything but the card (removed first, so nobody finds a shim that is going). */
    void deleteRest() {
        for (Path p : List.of(socket, tmuxSocket, tmuxConf, log, exit)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // Best effort at exit: the state directory keeps it, and nothing reads it again.
            }
        }
    }
}
