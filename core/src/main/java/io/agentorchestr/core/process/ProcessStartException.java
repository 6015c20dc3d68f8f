package io.agentorchestr.core.process;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.ExitCode;

import java.util.List;

/** A process could not be started for a reason other than a missing program (bad argument, no memory...). */
public class ProcessStartException extends AgentorchestrException {
    private static final long serialVersionUID = 1L;

    public ProcessStartException(List<String> argv, String reason) {
        super(ExitCode.ERROR, "cannot run `" + ExecResult.shortArgv(argv) + "`: " + reason);
    }

    public ProcessStartException(List<String> argv, Throwable cause) {
        super(ExitCode.ERROR, "cannot run `" + ExecResult.shortArgv(argv) + "`: " + cause.getMessage(), cause);
    }
}
