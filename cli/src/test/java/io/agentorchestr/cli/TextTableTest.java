package io.agentorchestr.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextTableTest {
    private static String print(TextTable t, int width) {
        StringWriter s = new StringWriter();
        t.print(new PrintWriter(s, true), width);
        return s.toString();
    }

    @Test
    void theLastColumnIsCutToFitTheWidthAndPipedOutputIsWhole() {
        TextTable t = new TextTable("ID", "GOAL").row("ab12cd34", "Add JWT auth to /api/users and write the tests");
        assertEquals("ID        GOAL\nab12cd34  Add JWT auth to /api/...\n", print(t, 34));
        assertEquals("ID        GOAL\nab12cd34  Add JWT auth to /api/users and write the tests\n",
                print(t, TerminalWidth.UNLIMITED));
    }

    @Test
    void aVeryNarrowTerminalStillShowsTheStartOfTheLastColumn() {
        TextTable t = new TextTable("ID", "GOAL").row("ab12cd34", "Add JWT auth to /api/users");
        assertEquals("ab12cd34  Add JWT a...", print(t, 5).lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void timesReadAsAPersonWouldSayThem() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        assertEquals("just now", Ago.of(now.minusSeconds(20), now, ZoneOffset.UTC));
        assertEquals("12 min ago", Ago.of(now.minusSeconds(12 * 60 + 5), now, ZoneOffset.UTC));
        assertEquals("3 h ago", Ago.of(now.minusSeconds(3 * 3600 + 100), now, ZoneOffset.UTC));
        assertEquals("5 d ago", Ago.of(now.minusSeconds(5 * 86400), now, ZoneOffset.UTC));
        assertEquals("2026-10-01", Ago.of(Instant.parse("2026-10-01T08:00:00Z"), now, ZoneOffset.UTC));
    }
}
