package io.agentorchestr.core.session;

import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.model.StateStore;

import java.time.Duration;

/**
 * {@code --pause ID}: pauses a running session from any shell, exactly as Ctrl-C on the terminal that
 * started it does (the orchestrator gets SIGINT), and waits until it has paused.
 */
public final class SessionPause {
    private static final Duration POLL = Duration.ofMillis(100);

    private final StateStore store;
    private final ProcessRunner runner;

    public SessionPause(StateStore store, ProcessRunner runner) {
        this.store = store;
        this.runner = runner;
    }

    /** The session as it ended up: paused (auto) or interrupted (manual), or still running after {@code wait}. */
    public SessionRecord pause(String id, Duration wait) {
        SessionRecord s = store.session(id.strip()).orElseThrow(() -> AgentorchestrException.usage("no session '" + id
                + "'; --list-sessions shows the sessions"));
        if (!SessionLock.driven(s)) {
            throw AgentorchestrException.usage("session " + s.id() + " is not running (it is " + s.status().label()
                    + "); there is nothing to pause" + (s.status() == SessionStatus.PAUSED ? ": --resume " + s.id()
                    + " continues it" : ""));
        }
        ExecResult r = runner.run(ProcessSpec.of("kill", "-INT", String.valueOf(s.ownerPid()))
                .withTimeout(Duration.ofSeconds(10)));
        if (!r.ok()) {
            throw AgentorchestrException.error("cannot signal the process driving session " + s.id() + " (pid "
                    + s.ownerPid() + "): " + r.stderrTail(2));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        SessionRecord now = s;
        while (System.nanoTime() < deadline && (now.status() == SessionStatus.RUNNING || SessionLock.driven(now))) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = store.session(s.id()).orElse(now);
        }
        return now;
    }
}
