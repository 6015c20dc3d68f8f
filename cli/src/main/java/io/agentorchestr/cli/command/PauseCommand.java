package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.session.SessionPause;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;

/** {@code --pause ID}: pauses a running session from any shell, as Ctrl-C where it was started would. */
public final class PauseCommand extends ModeCommand {
    /** A pause stops the agents with their exit commands first: that can take a few seconds each. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final String sessionId;

    public PauseCommand(CliContext context, CommandSpec spec, CommonOptions common, String sessionId) {
        super(context, spec, common);
        this.sessionId = sessionId;
    }

    @Override
    public Integer call() {
        SessionRecord s = new SessionPause(context.store(), context.runner()).pause(sessionId, WAIT);
        if (s.status() == SessionStatus.RUNNING) {
            err().println("agentorchestr: asked session " + s.id() + " to pause; it has not yet after "
                    + WAIT.toSeconds() + " s (--list-sessions shows when it has)");
            err().flush();
            return ExitCode.ERROR.code();
        }
        progress("session " + s.id() + " is " + s.status().label() + ("auto".equals(s.mode()) ? "; --resume " + s.id()
                + " continues it" : ""));
        return ExitCode.OK.code();
    }
}
