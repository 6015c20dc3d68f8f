package io.agentorchestr.core.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlainTextTest {
    @Test
    void plainTextWithTabsNewlinesAndEmojiPasses() {
        assertTrue(PlainText.problem("task", "line one\n\tline two\r\n😀 é", 100).isEmpty());
    }

    @Test
    void aNulIsNamedWithItsPosition() {
        String p = PlainText.problem("task", "ab\u0000c", 100).orElseThrow();
        assertEquals("task contains a NUL character (U+0000) at position 2; send plain text without NUL", p);
    }

    @Test
    void aLoneSurrogateIsNamedAsInvalidUnicodeNotAsAFullDisk() {
        String p = PlainText.problem("task", "x\ud800", 100).orElseThrow();
        assertTrue(p.contains("lone UTF-16 surrogate (U+D800) at position 1"), p);
        assertTrue(PlainText.problem("task", "x\udc00y", 100).orElseThrow().contains("U+DC00"));
    }

    @Test
    void escapeSequencesAndC1ControlsAreRefused() {
        assertTrue(PlainText.problem("summary", "a\u001b[2Jb", 100).orElseThrow().contains("U+001B at position 1 "
                + "(an escape sequence)"));
        assertTrue(PlainText.problem("summary", "a\u009bb", 100).orElseThrow().contains("U+009B"));
        assertTrue(PlainText.problem("summary", "a\u007fb", 100).orElseThrow().contains("U+007F"));
    }

    @Test
    void tooLongTextNamesTheLimit() {
        assertEquals("task is 11 characters long; the limit is 10", PlainText.problem("task", "x".repeat(11), 10)
                .orElseThrow());
    }
}
