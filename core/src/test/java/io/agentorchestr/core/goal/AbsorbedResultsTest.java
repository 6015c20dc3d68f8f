package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * clear_tool_results on a real repository and store: a cleared worker's output and diff are its summary
 * and only what is new, in full on demand, and a resumed session keeps the marks.
 */
@Timeout(60)
class AbsorbedResultsTest extends TeamTest {
    @Test
    void aClearedWorkersOutputAndDiffAreItsSummaryAndOnlyWhatCameAfter() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord w = team.spawn("write a.txt");
        Path log = Path.of(w.logPath());
        Files.writeString(log, "compiling...\nall 40 tests passed\n");
        team.commit(w, "a.txt", "a");
        team.finish(w, WorkerState.DONE, "wrote a.txt; 40 tests pass");
        AbsorbedResults absorbed = team.supervisor.desk().absorbed();

        assertEquals(List.of("w01"), absorbed.clear(List.of()), "every ended worker");
        AbsorbedResults.Mark mark = absorbed.of("w01").orElseThrow();
        assertTrue(team.supervisor.team().outputSince("w01", 60, mark).contains("cleared, nothing printed since"));
        assertTrue(team.supervisor.desk().diff("w01", false).contains("cleared, nothing new on its branch"));
        assertTrue(team.supervisor.desk().diff("w01", true).contains("a.txt"), "in full on demand");

        Files.writeString(log, "one more thing\n", StandardOpenOption.APPEND);
        team.commit(w, "b.txt", "b");
        String output = team.supervisor.team().outputSince("w01", 60, mark);
        assertTrue(output.contains("one more thing") && !output.contains("40 tests passed"), output);
        String diff = team.supervisor.desk().diff("w01", false);
        assertTrue(diff.contains("b.txt") && !diff.contains("a.txt"), diff);

        AbsorbedResults resumed = new AbsorbedResults(team.session, team.store, team.supervisor.board(),
                team.integration);
        assertFalse(resumed.of("w01").isPresent());
        resumed.restore(team.store.events(TeamFixture.SESSION));
        assertEquals(mark, resumed.of("w01").orElseThrow(), "a resumed session keeps the mark");
    }
}
