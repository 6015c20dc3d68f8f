package io.agentorchestr.core.tmux;

import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tmux client process per command. */
final class ProcessCommands implements TmuxCommands {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ProcessRunner runner;
    private final TmuxServer server;

    ProcessCommands(ProcessRunner runner, TmuxServer server) {
        this.runner = runner;
        this.server = server;
    }

    @Override
    public ExecResult run(List<String> args) {
        return runner.run(ProcessSpec.of(argv(server, args)).withTimeout(TIMEOUT).withEnv(Map.of()));
    }

    static List<String> argv(TmuxServer server, List<String> args) {
        List<String> argv = new ArrayList<>(server.argvPrefix());
        argv.addAll(args);
        return argv;
    }
}
