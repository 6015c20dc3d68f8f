package io.agentorchestr.shim;

import io.agentorchestr.core.error.AgentorchestrException;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code agentorchestr-shim} launcher's entry point. */
public final class ShimMain {
    private ShimMain() {
    }

    public static void main(String[] args) {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        ShimCommand command = new ShimCommand(System.getenv(), err);
        // The terminal closing hangs up on the attached client; the agent stays for its lead.
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> command.hangUp());
        CommandLine cli = new CommandLine(command).setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(false);
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("agentorchestr-shim: " + ex.getMessage());
            err.println("usage: agentorchestr-shim [--name NAME] [--headless] AGENT [ARGS...]  (--help for more)");
            return ShimCommand.SHIM_FAILED;
        });
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            err.println("agentorchestr-shim: " + (ex instanceof AgentorchestrException ? ex.getMessage()
                    : ex.toString()));
            return ShimCommand.SHIM_FAILED;
        });
        System.exit(cli.execute(args));
    }
}
