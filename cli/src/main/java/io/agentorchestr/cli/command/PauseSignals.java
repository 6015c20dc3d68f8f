package io.agentorchestr.cli.command;

import io.agentorchestr.core.error.ExitCode;
import sun.misc.Signal;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C, SIGTERM and SIGHUP while a run is on: the first pauses (a goal: the lead and workers keep
 * running, --resume continues it) or interrupts (a manual task) the session, with exit code 4; the
 * second leaves at once. Handled as signals, not as JVM shutdown, so the exit code is ours (not 143)
 * and nothing races the JVM's shutdown. What a signal does while the session is still starting is
 * the run's {@link Manner}: a goal pauses as soon as it has started; a manual task stops starting.
 */
final class PauseSignals implements AutoCloseable {
    /**
     * What a signal does to a session still starting, and what is said.
     *
     * @param whileStarting said when a signal comes before the session has started
     * @param onStarting    done then (on the signal's thread)
     * @param afterStart    said when a signal comes after; {@code %s} is the session id
     * @param resumable     whether a session left at once can be resumed
     */
    record Manner(String whileStarting, Runnable onStarting, String afterStart, boolean resumable) {
        static final Manner PAUSE = new Manner("the session will pause as soon as it has started", () -> { },
                "pausing session %s (workers and the lead keep running; Ctrl-C again to leave at once)", true);

        /**
         * The start is given up: {@code starter} (the thread starting the run) is interrupted, which
         * stops a hook it waits for; the run then ends the session as interrupted, with no agent started.
         */
        static Manner stopStarting(Thread starter) {
            return new Manner("stopping the start (a hook that runs is stopped; no agent is started)",
                    starter::interrupt, "interrupting session %s", false);
        }
    }

    private final PrintWriter err;
    private final Manner manner;
    private final java.util.Map<Signal, sun.misc.SignalHandler> previous = new java.util.LinkedHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile Runnable pause;
    private volatile String sessionId;

    private PauseSignals(PrintWriter err, Manner manner) {
        this.err = err;
        this.manner = manner;
    }

    static PauseSignals install(PrintWriter err) {
        return install(err, Manner.PAUSE);
    }

    static PauseSignals install(PrintWriter err, Manner manner) {
        PauseSignals s = new PauseSignals(err, manner);
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
                say("SIG" + name + ": " + manner.whileStarting());
                manner.onStarting().run();
            } else {
                say("SIG" + name + ": " + String.format(manner.afterStart(), sessionId));
                p.run();
            }
            return;
        }
        say("leaving at once" + (sessionId == null || !manner.resumable() ? "" : "; session " + sessionId
                + " can be resumed with --resume " + sessionId));
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
