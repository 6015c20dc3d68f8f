package io.agentorchestr.core.goal;

import java.time.Instant;

/**
 * When the lead last used its tools, and whether a call is in progress. A lead blocked in
 * wait_for_any prints nothing for a long time and is not hung; a lead with no output and no tool
 * call for the hang threshold is.
 */
public final class LeadActivity {
    private int inFlight;
    private Instant last = Instant.now();

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
}
