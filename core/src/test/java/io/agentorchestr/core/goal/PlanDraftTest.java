package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.ModelRequest;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.ModelTask;
import io.agentorchestr.core.testing.ScriptedRouter;
import io.agentorchestr.core.worker.Perspectives;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drafting a plan: the model's TOML checked as a plan file, sent back once when refused, and the degraded drafts. */
class PlanDraftTest {
    /** A router that answers from a list, as the plan model would. */
    private static ScriptedRouter answering(String... answers) {
        return ScriptedRouter.answering("anthropic", "claude-sonnet-4-5", answers);
    }

    private static final String GOOD = "Here is the plan:\n```toml\ngoal = \"Users API\"\n\n[[task]]\nid = \"schema\"\n"
            + "task = \"Add the users table\"\n\n[[task]]\nid = \"api\"\ntask = \"Add GET /api/users\"\n"
            + "perspective = \"implementer\"\ndepends_on = [\"schema\"]\n\n[[task]]\nid = \"tests\"\n"
            + "task = \"Test GET /api/users\"\nperspective = \"tester\"\ndepends_on = [\"api\"]\n```\n";

    @Test
    void theModelsFencedTomlIsCheckedAndBecomesThePlan() {
        ScriptedRouter router = answering(GOOD);
        PlanDraft.Result r = new PlanDraft(router, Perspectives.BUILT_IN).draft("Add a users API");
        List<ModelRequest> asked = router.asked;
        assertEquals(List.of(ModelTask.PLAN), router.tasks);

        assertEquals("anthropic/claude-sonnet-4-5", r.draftedBy());
        assertEquals(List.of("schema", "api", "tests"), r.plan().tasks().stream().map(PlanCheck.Draft::id).toList());
        assertEquals(List.of("api"), r.plan().tasks().get(2).dependsOn());
        assertTrue(asked.get(0).system().contains("- tester: "), "the roles are offered: " + asked.get(0).system());
        assertEquals(r.plan().tasks(), PlanFile.read(r.toml(), "again", Perspectives.BUILT_IN).tasks(),
                "the TOML shown reads back as the same plan");
    }

    @Test
    void aRefusedDraftIsSentBackOnceWithTheProblemAndTwoRefusalsFallBackToTheGoalsLines() {
        String cycle = "[[task]]\nid = \"a\"\ntask = \"x\"\ndepends_on = [\"b\"]\n[[task]]\nid = \"b\"\ntask = \"y\"\n"
                + "depends_on = [\"a\"]\n";
        ScriptedRouter router = answering(cycle, GOOD);
        PlanDraft.Result fixed = new PlanDraft(router, Perspectives.BUILT_IN).draft("Add a users API");
        List<ModelRequest> asked = router.asked;
        assertEquals(List.of(ModelTask.PLAN, ModelTask.PLAN), router.tasks);
        assertEquals(3, fixed.plan().tasks().size());
        assertTrue(asked.get(1).prompt().contains("Your last draft was refused: the drafted plan line"),
                asked.get(1).prompt());

        PlanDraft.Result lines = new PlanDraft(answering(cycle, "not toml at all ["), Perspectives.BUILT_IN)
                .draft("Write the schema\nWrite the API");
        assertEquals("the goal's lines", lines.draftedBy());
        assertEquals(List.of("Write the schema", "Write the API"), lines.plan().tasks().stream()
                .map(PlanCheck.Draft::task).toList());
        assertTrue(lines.note().contains("refused twice"), lines.note());
    }

    @Test
    void withoutAKeyOrWhenEveryProviderFailsTheDraftIsTheGoalsLinesAndSaysWhy() {
        PlanDraft.Result none = new PlanDraft(ModelRouter.NONE, Perspectives.BUILT_IN).draft("One\n\nTwo\n");
        assertEquals(List.of("t1", "t2"), none.plan().tasks().stream().map(PlanCheck.Draft::id).toList());
        assertTrue(none.note().startsWith("no model drafted this: no model key is set (ANTHROPIC_API_KEY"),
                none.note());
        assertTrue(none.toml().contains("[[task]]\nid = \"t2\"\ntask = \"Two\"\n"), none.toml());

        ModelRouter failing = ScriptedRouter.failing("groq", "no model answered the plan request: groq: HTTP 401 "
                + "(bad key)");
        assertTrue(new PlanDraft(failing, Perspectives.BUILT_IN).draft("One").note().contains("groq: HTTP 401"));
    }
}
