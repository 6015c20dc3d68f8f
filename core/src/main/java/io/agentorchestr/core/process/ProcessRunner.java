package io.agentorchestr.core.process;

/** Port for running external programs (tmux, git, agent version probes). */
public interface ProcessRunner {

    /**
     * Runs the process to completion or until its timeout, draining stdout and stderr.
     *
     * @throws CommandNotFoundException if the program does not exist or cannot be executed
     */
    ExecResult run(ProcessSpec spec);

    /** Like {@link #run} but a non-zero exit or a timeout raises {@link ProcessFailedException}. */
    default ExecResult runChecked(ProcessSpec spec) {
        ExecResult result = run(spec);
        if (!result.ok()) {
            throw new ProcessFailedException(result);
        }
        return result;
    }
}
