package io.agentorchestr.core.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TerminalTextTest {
    @Test
    void titleSettingAndScreenClearingSequencesAreRemoved() {
        assertEquals("done: ok", TerminalText.safe("\u001b]0;pwned\u0007done: \u001b[2J\u001b[Hok"));
    }

    @Test
    void bidiOverridesAndLoneSurrogatesCannotDisguiseText() {
        assertEquals("abc\uFFFD", TerminalText.safe("a\u202Eb\u2066c\ud800"));
        assertEquals("😀", TerminalText.safe("😀"));
    }

    @Test
    void secretsAreMaskedInPrintedText() {
        assertFalse(TerminalText.safe("key AKIAIOSFODNN7EXAMPLE").contains("AKIA"));
    }

    @Test
    void firstLineIsSafeAndCut() {
        assertEquals("second", TerminalText.firstLine("\n \u001b[31msecond\nthird", 20));
        assertEquals("abcdefg...", TerminalText.firstLine("abcdefghijklmnop", 10));
        assertEquals("", TerminalText.firstLine(null, 10));
    }
}
