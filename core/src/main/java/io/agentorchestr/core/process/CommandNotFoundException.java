package io.agentorchestr.core.process;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.ExitCode;

/** The program of an argv could not be started (not installed, not executable). */
public class CommandNotFoundException extends AgentorchestrException {
    private static final long serialVersionUID = 1L;
    private final String program;

    public CommandNotFoundException(String program, Throwable cause) {
        super(ExitCode.ERROR, "cannot run `" + program + "`: not installed or not executable", cause);
        this.program = program;
    }

    public String program() {
        return program;
    }
}
