package io.agentorchestr.cli.mcp;

/**
 * How often a client has listed its tools ({@code tools/list}), which is when an agent can call them:
 * the lead's goal is handed over only then. A relaunched lead lists them again, so this counts.
 */
final class ToolListings {
    private long count;

    synchronized void add() {
        count++;
        notifyAll();
    }

    synchronized long count() {
        return count;
    }

    synchronized boolean awaitMoreThan(long seen, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (count <= seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
