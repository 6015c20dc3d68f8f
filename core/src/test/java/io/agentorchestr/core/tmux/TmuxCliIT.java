package io.agentorchestr.core.tmux;

import io.agentorchestr.core.testing.PrivateTmux;

import java.nio.file.Path;

/** The tmux port's contract with a tmux client process per command. */
class TmuxCliIT extends TmuxContract {
    @Override
    PrivateTmux server(Path dir) {
        return new PrivateTmux(dir);
    }
}
