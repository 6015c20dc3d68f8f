package io.agentorchestr.core.cost;

import java.io.IOException;

/** Where one worker's token usage is read from: its agent's own records, read on from the last look. */
interface UsageSource {
    /** Everything its records say so far; null when it has no records yet (unknown, not zero). */
    TokenUsage read() throws IOException;
}
