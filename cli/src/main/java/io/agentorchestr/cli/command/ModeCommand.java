package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.core.text.TerminalText;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every mode command has: the composition root, the command's writers and the common options. */
abstract class ModeCommand implements Callable<Integer> {
    protected final CliContext context;
    protected final CommonOptions common;
    private final CommandSpec spec;

    ModeCommand(CliContext context, CommandSpec spec, CommonOptions common) {
        this.context = context;
        this.spec = spec;
        this.common = common;
    }

    /** Data: results and listings. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Messages: progress, hints, errors. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * The top of the git repository holding --project (or the current directory), where sessions
     * read .agentorchestr/; the directory itself when it is no repository.
     */
    protected java.nio.file.Path projectRoot() {
        java.nio.file.Path dir = common.projectOrCwd().toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw io.agentorchestr.core.error.AgentorchestrException.usage("project directory " + dir
                    + " does not exist; pass --project with an existing directory");
        }
        return context.git().isWorkTree(dir) ? context.git().topLevel(dir) : dir;
    }

    /** A progress line on stderr, unless --quiet; agents' text in it is made safe for the terminal. */
    protected void progress(String message) {
        if (!common.quiet) {
            err().println("agentorchestr: " + TerminalText.safe(message));
            err().flush();
        }
    }
}
