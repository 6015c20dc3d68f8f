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

    /** Whether the OS said the program does not exist or may not be executed (ENOENT, EACCES, ENOEXEC). */
    static boolean isMissing(java.io.IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("error=2,") || m.contains("error=13,") || m.contains("error=8,")
                || m.contains("No such file") || m.contains("Permission denied");
    }

    public String program() {
        return program;
    }
}
