package io.agentorchestr.core.worker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a worker is told: its task last, both completion signals, its tools only when it has them. */
class WorkerPromptTest {
    private final WorkerBrief brief = WorkerBrief.of("Add a greeting\nin two lines", Perspective.IMPLEMENTER);

    @Test
    void theTaskComesLastAndReadsBackWhole() {
        String prompt = WorkerPrompt.build("w03", "agentorchestr/s1/implementer-w03", brief, true);

        assertTrue(prompt.strip().endsWith("in two lines"), prompt);
        assertEquals("Add a greeting\nin two lines", WorkerPrompt.taskOf(prompt));
        assertTrue(prompt.contains("You are worker w03") && prompt.contains("`agentorchestr/s1/implementer-w03`"));
        assertTrue(prompt.contains(".agentorchestr/done.flag") && prompt.contains("WORKER_DONE: <summary>"),
                "both ways to finish");
    }

    @Test
    void aWorkerWithoutToolsIsNotToldOfThem() {
        assertTrue(WorkerPrompt.build("w01", "b", brief, true).contains("report_done(state, summary)"));
        assertFalse(WorkerPrompt.build("w01", "b", brief, false).contains("report_done"));
    }

    @Test
    void aNewAttemptSaysWhyBeforeTheTaskWhichStaysLast() {
        String first = WorkerPrompt.build("w02", "b", brief, false);

        String second = WorkerPrompt.nextAttempt(first, 2, "its agent crashed (exit 137)");

        assertTrue(second.contains("## This is attempt 2\nAn earlier attempt at this task stopped: its agent "
                + "crashed (exit 137)"), second);
        assertTrue(second.indexOf("## This is attempt 2") < second.indexOf(WorkerPrompt.TASK_HEADING), second);
        assertEquals(WorkerPrompt.taskOf(first), WorkerPrompt.taskOf(second));
    }
}
