package io.agentorchestr.core.goal;

import java.time.Instant;
import java.util.function.IntConsumer;

/**
 * When the lead last used its tools, and whether a call is in progress. A lead blocked in
 * wait_for_any prints nothing for a long time and is not hung; a lead with no output and no tool
 * call for the hang threshold is. Also whether the lead's current launch is under way (connected
 * to its tools and given its goal), which a resume after a crash needs to know.
 */
public final class LeadActivity {
    private final IntConsumer onReady;
    private int inFlight;
    private Instant last = Instant.now();
    private int launch;
    private int connectedLaunch;
    private int promptedLaunch;
    private int readyLaunch;

    /**
     * @param onReady told the launch number once per launch (and run) when the lead has both reached
     *                its tools and been given its goal
     */
    LeadActivity(IntConsumer onReady) {
        this.onReady = onReady;
    }

    public synchronized void callStarted() {
        inFlight++;
        last = Instant.now();
    }

    public synchronized void callEnded() {
        inFlight = Math.max(0, inFlight - 1);
        last = Instant.now();
    }

    /** Whether the lead has a tool call in progress or finished one after {@code since}. */
    public synchronized boolean activeSince(Instant since) {
        return inFlight > 0 || last.isAfter(since);
    }

    /** Whether the lead has a tool call in progress: it is in a turn, whatever its screen shows. */
    synchronized boolean calling() {
        return inFlight > 0;
    }

    synchronized void reset() {
        last = Instant.now();
    }

    /** The lead in its pane is now launch {@code n}: set before it is let go, so what it does next counts for it. */
    synchronized void launched(int n) {
        launch = n;
    }

    /** The lead's MCP client finished its handshake. */
    public void connected() {
        mark(true);
    }

    /** The lead has its goal: in its argv when it was let go, or pasted once its tools were listed. */
    void prompted() {
        mark(false);
    }

    private void mark(boolean connection) {
        int ready;
        synchronized (this) {
            if (launch == 0) {
                return;
            }
            if (connection) {
                connectedLaunch = launch;
            } else {
                promptedLaunch = launch;
            }
            if (connectedLaunch != launch || promptedLaunch != launch || readyLaunch == launch) {
                return;
            }
            readyLaunch = launch;
            ready = launch;
        }
        onReady.accept(ready);
    }
}
