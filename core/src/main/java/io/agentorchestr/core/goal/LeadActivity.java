package io.agentorchestr.core.goal;

import java.time.Instant;
import java.util.function.IntConsumer;

/**
 * When the lead last used its tools, and whether a call is in progress. A lead blocked in
 * wait_for_any prints nothing for a long time and is not hung; a lead with no output and no tool
 * call for the hang threshold is. Also whether the lead's current launch has connected to its
 * tools at all, which a resume after a crash needs to know.
 */
public final class LeadActivity {
    private final IntConsumer onConnected;
    private int inFlight;
    private Instant last = Instant.now();
    private int launch;
    private int connectedLaunch;

    /** @param onConnected told the launch number the first time each launch's MCP client connects */
    LeadActivity(IntConsumer onConnected) {
        this.onConnected = onConnected;
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

    synchronized void reset() {
        last = Instant.now();
    }

    /** The lead in its pane is now launch {@code n}: set before it is let go, so its connection counts for it. */
    synchronized void launched(int n) {
        launch = n;
    }

    /** The lead's MCP client finished its handshake. */
    public void connected() {
        int n;
        synchronized (this) {
            if (launch == 0 || connectedLaunch == launch) {
                return;
            }
            connectedLaunch = launch;
            n = launch;
        }
        onConnected.accept(n);
    }
}
