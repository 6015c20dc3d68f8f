package io.agentorchestr.core.goal;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.model.ModelReply;
import io.agentorchestr.core.model.ModelRequest;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.ModelTask;
import io.agentorchestr.core.worker.Perspective;
import io.agentorchestr.core.worker.Perspectives;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * draft_plan and --draft-plan: a plan for a goal, proposed by the router's plan model and checked as a
 * plan.toml would be (a draft that fails the check is sent back once with the problem). Without a model
 * (no key, or every provider failed, or two drafts failed the check) the goal's lines become the tasks,
 * one each, without dependencies, and the draft says so.
 */
public final class PlanDraft {
    /** A checked plan, who drafted it, and what the reader should know about it. */
    public record Result(PlanFile plan, String draftedBy, String note) {
        public String toml() {
            return plan.toToml();
        }
    }

    static final String SOURCE = "the drafted plan";
    private static final int MAX_TOKENS = 4000;

    private final ModelRouter router;
    private final Perspectives perspectives;

    public PlanDraft(ModelRouter router, Perspectives perspectives) {
        this.router = router;
        this.perspectives = perspectives;
    }

    public Result draft(String goal) {
        if (goal == null || goal.isBlank()) {
            throw new ToolError("goal is empty; say what the plan is for");
        }
        String prompt = "Goal:\n" + goal.strip();
        String problem = null;
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                Optional<ModelReply> reply = router.ask(ModelTask.PLAN, new ModelRequest(instructions(), prompt
                        + (problem == null ? "" : "\n\nYour last draft was refused: " + problem + ". Send it again, "
                        + "corrected."), MAX_TOKENS));
                if (reply.isEmpty()) {
                    return byLines(goal, "no model key is set (ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY, "
                            + "OPENROUTER_API_KEY, GROQ_API_KEY or CEREBRAS_API_KEY; docs/router.md)");
                }
                try {
                    PlanFile plan = PlanFile.read(toml(reply.get().text()), SOURCE, perspectives);
                    return new Result(new PlanFile(plan.goal() == null ? goal.strip() : plan.goal(), plan.tasks()),
                            reply.get().provider() + "/" + reply.get().model(), "drafted by a model: read it, and "
                            + "edit it, before you run it");
                } catch (AgentorchestrException e) {
                    problem = e.getMessage();
                }
            }
            return byLines(goal, "the plan model's drafts were refused twice (" + problem + ")");
        } catch (ModelRouter.Failure e) {
            return byLines(goal, e.getMessage());
        }
    }

    /** The degraded draft: a task per line of the goal, in order, none waiting for another. */
    private Result byLines(String goal, String why) {
        List<PlanCheck.Draft> tasks = new ArrayList<>();
        for (String line : goal.strip().split("\n")) {
            if (!line.isBlank()) {
                tasks.add(new PlanCheck.Draft("t" + (tasks.size() + 1), line.strip(), null, null, List.of()));
            }
        }
        new PlanCheck(perspectives, null).check(tasks, java.util.Map.of());
        return new Result(new PlanFile(goal.strip(), tasks), "the goal's lines", "no model drafted this: " + why
                + "; it is one task per line of the goal, without dependencies: add depends_on where a task builds "
                + "on another");
    }

    /** The TOML in a model's answer: inside a fenced block when there is one. */
    static String toml(String answer) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```(?:toml)?\\s*\\n(.*?)```",
                java.util.regex.Pattern.DOTALL).matcher(answer);
        return m.find() ? m.group(1) : answer;
    }

    private String instructions() {
        StringBuilder roles = new StringBuilder();
        for (Perspective p : perspectives.all()) {
            roles.append("- ").append(p.label()).append(": ").append(p.guide()).append('\n');
        }
        return "You plan software work for a team of coding agents that each work alone in a git worktree of the "
                + "same repository; their branches are merged into one integration branch. Break the goal into 2 to "
                + "12 tasks. Each task is precise and self-contained: its agent sees only the task, not the goal. "
                + "A task that builds on another's work lists that task's id in depends_on; tasks without such a "
                + "link run at the same time, so split the work where files do not overlap. Give each task the role "
                + "(perspective) that fits it:\n" + roles
                + "\nAnswer with the plan as TOML only, in this form:\n\n```toml\ngoal = \"the goal in one line\"\n\n"
                + "[[task]]\nid = \"schema\"\ntask = \"Add the users table migration ...\"\nperspective = "
                + "\"implementer\"\n\n[[task]]\nid = \"api\"\ntask = \"Add GET /api/users ...\"\ndepends_on = "
                + "[\"schema\"]\n```\n\nIds are short, lowercase, unique. No other keys.";
    }
}
