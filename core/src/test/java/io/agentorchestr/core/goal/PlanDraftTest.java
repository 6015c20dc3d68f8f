package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.ModelReply;
import io.agentorchestr.core.model.ModelRequest;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.ModelTask;
import io.agentorchestr.core.worker.Perspectives;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drafting a plan: the model's TOML checked as a plan file, sent back once when refused, and the degraded drafts. */
class PlanDraftTest {
    private final List<ModelRequest> asked = new ArrayList<>();

    /** A router that answers from a list (the router itself is RouterTest's, against real HTTP). */
    private ModelRouter answering(String... answers) {
        Iterator<String> next = List.of(answers).iterator();
        return new ModelRouter() {
            @Override
            public Optional<ModelReply> ask(ModelTask task, ModelRequest request) {
                assertEquals(ModelTask.PLAN, task);
                asked.add(request);
                return Optional.of(new ModelReply(next.next(), "anthropic", "claude-sonnet-4-5", 100, 50));
            }

            @Override
            public List<String> providers(ModelTask task) {
                return List.of("anthropic");
            }
        };
    }

    private static final String GOOD = "Here is the plan:\n```toml\ngoal = \"Users API\"\n\n[[task]]\nid = \"schema\"\n"
            + "task = \"Add the users table\"\n\n[[task]]\nid = \"api\"\ntask = \"Add GET /api/users\"\n"
            + "perspective = \"implementer\"\ndepends_on = [\"schema\"]\n\n[[task]]\nid = \"tests\"\n"
            + "task = \"Test GET /api/users\"\nperspective = \"tester\"\ndepends_on = [\"api\"]\n```\n";

    @Test
    void theModelsFencedTomlIsCheckedAndBecomesThePlan() {
        PlanDraft.Result r = new PlanDraft(answering(GOOD), Perspectives.BUILT_IN).draft("Add a users API");

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
        PlanDraft.Result fixed = new PlanDraft(answering(cycle, GOOD), Perspectives.BUILT_IN).draft("Add a users API");
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

        ModelRouter failing = new ModelRouter() {
            @Override
            public Optional<ModelReply> ask(ModelTask task, ModelRequest request) {
                throw new ModelRouter.Failure("no model answered the plan request: groq: HTTP 401 (bad key)");
            }

            @Override
            public List<String> providers(ModelTask task) {
                return List.of("groq");
            }
        };
        assertTrue(new PlanDraft(failing, Perspectives.BUILT_IN).draft("One").note().contains("groq: HTTP 401"));
    }
}
