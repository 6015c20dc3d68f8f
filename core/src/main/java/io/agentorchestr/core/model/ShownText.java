package io.agentorchestr.core.model;

import io.agentorchestr.core.text.TerminalText;

/** How a view shows what agents wrote: as written (JSON output escapes it) or made safe to print. */
public enum ShownText {
    /** For MCP results and --json: the text as the agent wrote it. */
    AS_WRITTEN,
    /** For a reader that shows it as it is (the dashboard): escapes and control characters removed. */
    PRINTABLE;

    /** {@code text} shown this way; null stays null. */
    String apply(String text) {
        return text == null || this == AS_WRITTEN ? text : TerminalText.safe(text);
    }
}
