package io.agentorchestr.core.testing;

import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.tmux.TmuxCli;
import io.agentorchestr.core.tmux.TmuxServer;

import java.nio.file.Path;

/** A tmux server of the test's own (socket in its temp dir, no user config), killed on close. */
public final class PrivateTmux implements AutoCloseable {
    private final TmuxCli tmux;

    public PrivateTmux(Path dir) {
        this.tmux = new TmuxCli(new SystemProcessRunner(), TmuxServer.atPath(dir.resolve("tmux.sock"),
                Path.of("/dev/null")));
    }

    public TmuxCli tmux() {
        return tmux;
    }

    @Override
    public void close() {
        tmux.killServer();
    }
}
