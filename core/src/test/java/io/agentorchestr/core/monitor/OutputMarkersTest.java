package io.agentorchestr.core.monitor;

import io.agentorchestr.core.worker.Perspective;
import io.agentorchestr.core.worker.WorkerBrief;
import io.agentorchestr.core.worker.WorkerPrompt;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputMarkersTest {
    private final OutputMarkers markers = OutputMarkers.ignoringQuotesOf(
            WorkerPrompt.build("w01", "b", WorkerBrief.of("do it", Perspective.IMPLEMENTER), true));

    @Test
    void findsEachMarkerKind() {
        assertEquals(new OutputMarkers.Marker(WorkerState.DONE, "added tests"),
                markers.match("WORKER_DONE: added tests").orElseThrow());
        assertEquals(WorkerState.BLOCKED, markers.match("WORKER_BLOCKED: need a key").orElseThrow().state());
        assertEquals(WorkerState.FAILED, markers.match("WORKER_FAILED: build broke").orElseThrow().state());
    }

    @Test
    void toleratesTuiDecorationAroundTheMarker() {
        Optional<OutputMarkers.Marker> m = markers.match("│ ⏺ WORKER_DONE: refactored the parser        │");
        assertEquals("refactored the parser", m.orElseThrow().summary());
    }

    @Test
    void ignoresMarkerLinesQuotedFromThePrompt() {
        assertTrue(markers.match("2. Print one line: `WORKER_DONE: <summary>`, or").isEmpty());
        assertTrue(markers.match("   or `WORKER_FAILED: <why>`.").isEmpty());
        assertTrue(markers.match("> WORKER_DONE: <summary>").isEmpty());
    }

    @Test
    void thePromptRenderedWithoutItsBackticksIsStillAQuote() {
        // Claude Code renders the prompt's markdown: the templates lose their backticks.
        assertTrue(markers.match("  2. Print one line: WORKER_DONE: <summary>, or WORKER_BLOCKED: <what you need>,")
                .isEmpty());
        assertTrue(markers.match("WORKER_DONE: <summary>, or WORKER_BLOCKED: <what").isEmpty(), "wrapped");
        assertTrue(markers.match("WORKER_DONE: <summary>, or WORKER_BLOCKED: <what you need>,    or WORKER_FAILED: "
                + "<why>.    Use blocked when you need a decision").isEmpty(), "a paragraph redrawn as one line");
        assertEquals("added a file", markers.match("WORKER_DONE: added a file").orElseThrow().summary());
    }

    @Test
    void plainTextIsNoMarker() {
        assertTrue(markers.match("working on WORKER_DONE handling").isEmpty());
    }

    @Test
    void textTypedIntoThePaneIsNotTheWorkersSignalButItsOwnLaterReportIs() {
        markers.ignoreQuotesIn("Reminder: if you cannot build it, print WORKER_FAILED: build is broken beyond repair");
        assertTrue(markers.match("> Reminder: if you cannot build it, print WORKER_FAILED: build is broken beyond "
                + "repair").isEmpty());
        assertEquals(WorkerState.FAILED, markers.match("WORKER_FAILED: the compiler crashed").orElseThrow().state());
    }

    @Test
    void anEchoCutByTheTerminalsWrappingIsStillRecognisedAsTheEcho() {
        markers.ignoreQuotesIn("print WORKER_FAILED: when the integration tests cannot be run at all on this machine");
        assertTrue(markers.match("print WORKER_FAILED: when the integration tests cann").isEmpty());
        assertEquals(WorkerState.FAILED, markers.match("WORKER_FAILED: when").orElseThrow().state(),
                "a short report is the agent's own, even if it starts like the echo");
    }
}
