package io.agentorchestr.core.process;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.ExitCode;

/** A process exited non-zero or timed out; the message names the argv and the end of stderr. */
public class ProcessFailedException extends AgentorchestrException {
    private static final long serialVersionUID = 1L;
    private final transient ExecResult result;

    public ProcessFailedException(ExecResult result) {
        super(ExitCode.ERROR, describe(result));
        this.result = result;
    }

    public ExecResult result() {
        return result;
    }

    private static String describe(ExecResult r) {
        String what = r.timedOut()
                ? "timed out after " + r.duration().toMillis() + " ms"
                : "exited with status " + r.exitCode();
        String tail = r.stderrTail(5);
        return "`" + ExecResult.shortArgv(r.argv()) + "` " + what + (tail.isBlank() ? "" : ": " + tail);
    }
}
