package io.agentorchestr.core.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnsiTextTest {
    @Test
    void removesColourAndCursorSequences() {
        assertEquals("WORKER_DONE: ok", AnsiText.strip("\u001b[1;32mWORKER_DONE:\u001b[0m ok\u001b[K"));
    }

    @Test
    void removesOscTitlesEndedByBelOrStringTerminator() {
        assertEquals("ab", AnsiText.strip("a\u001b]0;title\u0007b"));
        assertEquals("ab", AnsiText.strip("a\u001b]8;;http://x\u001b\\b"));
    }

    @Test
    void keepsTabsAndUnicodeButDropsOtherControls() {
        assertEquals("a\tb │ é", AnsiText.strip("a\tb\u0008 │ é\u0000"));
    }

    @Test
    void toleratesATruncatedSequenceAtTheEnd() {
        assertEquals("text", AnsiText.strip("text\u001b[12"));
    }
}
