package io.agentorchestr.core.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScreenMarkersTest {
    private final ScreenMarkers markers = new ScreenMarkers(List.of("esc to interrupt"), List.of("Trust this folder?"),
            List.of("? for shortcuts"));

    @Test
    void aBusyLineAboveThePromptMeansBusyWhileTheScreenMovesAndIsStaleOnceItSettles() {
        String screen = "history\n◦ Working (5s • esc to interrupt)\n\n› Ask\n  model · dir\n  ? for shortcuts\n";
        assertEquals(ScreenMarkers.State.BUSY, markers.classify(screen));
        assertEquals(ScreenMarkers.State.IDLE, markers.classify(screen, true));
    }

    @Test
    void aPromptFurtherUpThanTheBottomIsHistoryNotIdle() {
        String screen = "? for shortcuts\nline\nline\nline\nline\n";
        assertEquals(ScreenMarkers.State.UNKNOWN, markers.classify(screen, true));
    }

    @Test
    void aQuestionAnywhereWinsAndIsQuotedFromItsLineOn() {
        String screen = "  Folder access\n  /repo\n  Trust this folder? Codex can read\n› 1. Trust and continue\n"
                + "  2. Back\n\n  ? for shortcuts\n";
        assertEquals(ScreenMarkers.State.WAITING, markers.classify(screen));
        assertEquals("Trust this folder? Codex can read / › 1. Trust and continue / 2. Back / ? for shortcuts",
                markers.question(screen).orElseThrow());
    }
}
