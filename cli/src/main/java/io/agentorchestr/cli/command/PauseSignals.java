package io.agentorchestr.cli.command;

import io.agentorchestr.core.error.ExitCode;
import sun.misc.Signal;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C, SIGTERM and SIGHUP while a goal runs: the first pauses the session (the lead and workers
 * keep running, --resume continues it, the exit code is 4), the second leaves at once. Handled as
 * signals, not as JVM shutdown, so the exit code is ours (not 143) and nothing races the JVM's
 * shutdown; a signal that arrives while the session is still starting pauses it as soon as it has.
 */
final class PauseSignals implements AutoCloseable {
    private final PrintWriter err;
    private final java.util.Map<Signal, sun.misc.SignalHandler> previous = new java.util.LinkedHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile Runnable pause;
    private volatile String sessionId;

    private PauseSignals(PrintWriter err) {
        this.err = err;
    }

    static PauseSignals install(PrintWriter err) {
        PauseSignals s = new PauseSignals(err);
        for (String name : new String[]{"INT", "TERM", "HUP"}) {
            try {
                Signal signal = new Signal(name);
                s.previous.put(signal, Signal.handle(signal, sig -> s.received(sig.getName())));
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (-Xrs); its default applies
            }
        }
        return s;
    }

    /** The session has started: a signal now pauses it (at once, if one came while it was starting). */
    void armed(String id, Runnable pauseAction) {
        this.sessionId = id;
        this.pause = pauseAction;
        if (received.get() > 0) {
            pauseAction.run();
        }
    }

    private void received(String name) {
        int n = received.incrementAndGet();
        Runnable p = pause;
        if (n == 1) {
            if (p == null) {
                say("SIG" + name + ": the session will pause as soon as it has started");
            } else {
                say("SIG" + name + ": pausing session " + sessionId + " (workers and the lead keep running; "
                        + "Ctrl-C again to leave at once)");
                p.run();
            }
            return;
        }
        say("leaving at once" + (sessionId == null ? "" : "; session " + sessionId + " can be resumed with "
                + "--resume " + sessionId));
        Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
    }

    /** The run is over: the signals go back to whoever handled them before. */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }

    private void say(String text) {
        err.println("agentorchestr: " + text);
        err.flush();
    }
}
