package io.agentorchestr.demo;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PastedPromptTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);

    private String read(String typed) throws Exception {
        return PastedPrompt.read(new BufferedReader(new StringReader(typed)), out);
    }

    @Test
    void aBracketedPasteIsOnePromptWithItsLinesAndTheEnterAfterItIsLeftAlone() throws Exception {
        String prompt = read("\u001b[200~You are worker w02.\n\n## Task\nWrite a note\u001b[201~\nlater message\n");
        assertEquals("You are worker w02.\n\n## Task\nWrite a note", prompt);
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.startsWith(PastedPrompt.BRACKETS_ON + "demo> "), shown);
        assertTrue(shown.contains(PastedPrompt.BRACKETS_OFF), "bracketed paste is switched off again: " + shown);
    }

    @Test
    void aTypedLineIsAPromptAndEmptyLinesBeforeItAreNot() throws Exception {
        assertEquals("Write a note", read("\n  \n  Write a note  \n"));
    }

    @Test
    void inputThatEndsBeforeAPromptGivesNone() throws Exception {
        assertNull(read(""));
        assertNull(read("\u001b[200~half a paste\nno end"));
    }
}
