package io.agentorchestr.core.tmux;

import io.agentorchestr.core.process.ExecResult;

import java.util.List;

/** How tmux commands reach one server: a client process per command, or a control-mode connection. */
interface TmuxCommands extends AutoCloseable {

    /** Runs one tmux command ({@code args} without the server's own arguments); never throws for tmux's errors. */
    ExecResult run(List<String> args);

    /** A session exists on the server (created or resumed): a connection that needs one to attach to can use it. */
    default void sessionCreated(String session) {
    }

    /** Calls {@code listener} (briefly, on a reader thread) when tmux says panes may have gone; returns the way to stop. */
    default Runnable onPanesChanged(Runnable listener) {
        return () -> { };
    }

    @Override
    default void close() {
    }
}
