package io.agentorchestr.cli.mcp;

import java.util.HashMap;
import java.util.Map;

/**
 * How often each client (the lead, a worker by its id) has listed its tools ({@code tools/list}), which
 * is when an agent can call them: a prompt is handed over only then. A relaunched agent lists them
 * again, so this counts.
 */
final class ToolListings {
    private final Map<String, Long> counts = new HashMap<>();

    synchronized void add(String owner) {
        counts.merge(owner, 1L, Long::sum);
        notifyAll();
    }

    synchronized long count(String owner) {
        return counts.getOrDefault(owner, 0L);
    }

    synchronized boolean awaitMoreThan(String owner, long seen, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (count(owner) <= seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
