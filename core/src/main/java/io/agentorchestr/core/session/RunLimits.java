package io.agentorchestr.core.session;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.text.PlainText;

import java.time.Duration;

/**
 * The ranges a run's settings must fall in, checked before anything starts, each refusal naming the
 * limits: a value past them is a typo, not a wish (a timeout of 10^18 s would overflow the clock in
 * the middle of a session; a thousand workers would fork a thousand agents).
 */
public final class RunLimits {
    public static final int MAX_WORKERS = 100;
    public static final Duration MAX_TIMEOUT = Duration.ofDays(30);
    public static final int MAX_GOAL_CHARS = 1_000_000;

    private RunLimits() {
    }

    /** A goal or task: plain text (no NUL, no escape sequences), not empty, not absurdly long. */
    public static void text(String what, String flags, String text) {
        if (text == null || text.isBlank()) {
            throw AgentorchestrException.usage(what + " is empty; pass it with " + flags);
        }
        PlainText.problem(what, text, MAX_GOAL_CHARS).ifPresent(p -> {
            throw AgentorchestrException.usage(p);
        });
    }

    public static void maxWorkers(int n) {
        if (n < 1 || n > MAX_WORKERS) {
            throw AgentorchestrException.usage("--max-workers must be from 1 to " + MAX_WORKERS + ", not " + n);
        }
    }

    /** Null means no limit. */
    public static void timeout(Duration t) {
        if (t != null && (t.isNegative() || t.isZero() || t.compareTo(MAX_TIMEOUT) > 0)) {
            throw AgentorchestrException.usage("--timeout must be from 1s to " + MAX_TIMEOUT.toDays() + " days (720h), "
                    + "not " + t.toSeconds() + " s");
        }
    }
}
