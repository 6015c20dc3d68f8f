package io.agentorchestr.core.error;

/**
 * The one domain exception: carries the exit code and a message a user can act on
 * (what is wrong and what to do about it). The CLI prints only the message unless --verbose.
 */
public class AgentorchestrException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public AgentorchestrException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public AgentorchestrException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static AgentorchestrException usage(String message) {
        return new AgentorchestrException(ExitCode.USAGE, message);
    }

    public static AgentorchestrException error(String message) {
        return new AgentorchestrException(ExitCode.ERROR, message);
    }

    public static AgentorchestrException error(String message, Throwable cause) {
        return new AgentorchestrException(ExitCode.ERROR, message, cause);
    }
}
