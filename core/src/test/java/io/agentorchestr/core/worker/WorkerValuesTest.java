package io.agentorchestr.core.worker;

import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerValuesTest {
    @Test
    void workerIdsArePaddedAndOrderedNumerically() {
        assertEquals("w01", new WorkerId(1).toString());
        assertEquals("w100", new WorkerId(100).toString());
        assertEquals(new WorkerId(12), WorkerId.parse("w12"));
        assertTrue(WorkerId.parse("w09").compareTo(WorkerId.parse("w10")) < 0);
        assertEquals(new WorkerId(3), new WorkerId(2).next());
        assertThrows(IllegalArgumentException.class, () -> WorkerId.parse("worker1"));
    }

    @Test
    void thePromptEndsWithTheTaskAndTheTaskCanBeReadBack() {
        String task = "Add a README section\n[demo:sleep=1]";
        String prompt = WorkerPrompt.build("w03", "agentorchestr/s/tester-w03", WorkerBrief.of(task, Perspective.TESTER),
                false);
        assertTrue(prompt.strip().endsWith(task));
        assertTrue(prompt.contains("branch `agentorchestr/s/tester-w03`"));
        assertTrue(prompt.contains(".agentorchestr/done.flag"));
        assertEquals(task, WorkerPrompt.taskOf(prompt));
    }

    @Test
    void terminalStatesEndMonitoring() {
        assertTrue(WorkerState.DONE.terminal());
        assertTrue(WorkerState.TIMEOUT.terminal());
        assertEquals(false, WorkerState.HUNG.terminal());
        assertEquals(WorkerState.WAITING, WorkerState.fromLabel("waiting"));
    }
}
