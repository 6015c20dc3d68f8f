package io.agentorchestr.core.goal;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.worker.Perspectives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --plan plan.toml: a good file read in order, and each bad one refused (exit 2) with its line named. */
class PlanFileTest {
    @TempDir
    Path dir;

    private Path file(String toml) throws IOException {
        return Files.writeString(dir.resolve("plan.toml"), toml);
    }

    private void refused(String toml, String expected) throws IOException {
        Path f = file(toml);
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> PlanFile.load(f,
                Perspectives.BUILT_IN));
        assertEquals(2, e.exitCode().code());
        assertTrue(e.getMessage().contains(f + expected), e.getMessage());
    }

    @Test
    void aPlanFileGivesItsGoalAndItsTasksInOrder() throws IOException {
        PlanFile plan = PlanFile.load(file("""
                goal = "Ship the API"

                [[task]]
                id = "schema"
                task = "Write the schema"

                [[task]]
                id = "api"
                task = "Add the endpoint"
                perspective = "implementer"
                depends_on = ["schema"]
                """), Perspectives.BUILT_IN);
        assertEquals("Ship the API", plan.goal());
        assertEquals(List.of("schema", "api"), plan.tasks().stream().map(PlanCheck.Draft::id).toList());
        assertEquals(List.of("schema"), plan.tasks().get(1).dependsOn());
        assertTrue(plan.goalText(dir.resolve("plan.toml")).startsWith("Ship the API\n\nThe engine runs this plan"));
    }

    @Test
    void badFilesAreRefusedNamingTheLine() throws IOException {
        refused("[[task]]\nid = \"a\"\ntask = \"x\"\ndepends_on = [\"b\"]\n\n[[task]]\nid = \"b\"\ntask = \"y\"\n"
                + "depends_on = [\"a\"]\n", " line 2: the plan has a cycle: a -> b -> a");
        refused("[[task]]\nid = \"a\"\ntask = \"x\"\n[[task]]\nid = \"b\"\ntask = \"y\"\ndepends_on = [\"nope\"]\n",
                " line 5: task 'b' depends on 'nope', which is no task of the plan");
        refused("[[task]]\nid = \"a\"\ntask = \"x\"\npriority = 3\n", " line 4: unknown key 'priority' in a [[task]]");
        refused("[[task]]\nid = \"a\"\n", " line 2: a [[task]] needs id = \"...\" and task = \"...\"");
        refused("[[task]]\nid = \"a\"\ntask = \"x\"\nperspective = \"poet\"\n", " line 2: task 'a': unknown perspective "
                + "'poet'");
        refused("[[task]]\nid = \"a\"\ntask = \"x\n", " line 3: invalid TOML");
        refused("goal = \"g\"\n", ": no [[task]] tables");
        refused("[[task]]\nid = \"a\"\ntask = \"x\"\ndepends_on = \"b\"\n", " line 4: depends_on must be a list of task ids");
    }

    @Test
    void aMissingPlanFileIsAUsageErrorThatSaysSo() {
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> PlanFile.load(dir.resolve("nope.toml"),
                Perspectives.BUILT_IN));
        assertTrue(e.getMessage().contains("nope.toml does not exist"), e.getMessage());
    }
}
