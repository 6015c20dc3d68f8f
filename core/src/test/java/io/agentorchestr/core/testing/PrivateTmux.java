package io.agentorchestr.core.testing;

import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.tmux.TmuxCli;
import io.agentorchestr.core.tmux.TmuxServer;

import java.nio.file.Path;

/** A tmux server of the test's own (socket in its temp dir, no user config), killed on close. */
public final class PrivateTmux implements AutoCloseable {
    private final TmuxCli tmux;

    public PrivateTmux(Path dir) {
        this(new TmuxCli(new SystemProcessRunner(), server(dir)));
    }

    private PrivateTmux(TmuxCli tmux) {
        this.tmux = tmux;
    }

    /** The same, with commands through a control-mode connection. */
    public static PrivateTmux overControlMode(Path dir) {
        return overControlMode(dir, new SystemProcessRunner());
    }

    /** Over control mode, with its processes (one-shot commands and fallbacks) run by {@code runner}. */
    public static PrivateTmux overControlMode(Path dir, ProcessRunner runner) {
        return new PrivateTmux(TmuxCli.overControlMode(runner, server(dir)));
    }

    private static TmuxServer server(Path dir) {
        return TmuxServer.atPath(dir.resolve("tmux.sock"), Path.of("/dev/null"));
    }

    public TmuxCli tmux() {
        return tmux;
    }

    @Override
    public void close() {
        tmux.killServer();
        tmux.close();
    }
}
