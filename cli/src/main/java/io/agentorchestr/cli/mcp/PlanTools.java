package io.agentorchestr.cli.mcp;

import io.agentorchestr.cli.mcp.ToolCalls.Param;
import io.agentorchestr.core.goal.PlanCheck;
import io.agentorchestr.core.goal.PlanDraft;
import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.model.PlanTask;
import io.agentorchestr.core.model.PlanView;
import io.agentorchestr.core.model.ShownText;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lead's plan: submit it once, change it, read it, retry a failed task. The engine runs it. */
final class PlanTools {
    private PlanTools() {
    }

    private static List<Param> taskFields() {
        return List.of(Param.req("id", "string", "A short id of your choosing, unique in the plan: \"api\", "
                        + "\"t1\".").maxChars(40),
                Param.req("task", "string", "What to do, precise and self-contained, as for spawn_worker."),
                Param.opt("perspective", "string", "Its role (list_perspectives); default implementer.").maxChars(64),
                Param.opt("agent", "string", "The agent CLI to use; default the session's choice.").maxChars(64),
                Param.opt("depends_on", "string[]", "Ids of the tasks it builds on: it starts once they are all "
                        + "merged, from the integration branch with their work.").maxChars(40));
    }

    static List<ToolEntry> all(Supervisor s, SessionModels models) {
        return List.of(
                ToolEntry.lead("draft_plan", "Have a planning model draft a plan for a goal, or for the part of it you "
                                + "want planned: tasks with ids, roles (perspectives) and depends_on, checked as "
                                + "submit_plan checks them. Nothing runs: read the draft, change what you disagree "
                                + "with, then submit_plan it. Without a model key (or when every provider fails) the "
                                + "draft is the goal's lines as tasks, without dependencies, and its note says so.",
                        List.of(Param.req("goal", "string", "What the plan is for: the session's goal or a part of "
                                + "it, as precise as you can.").maxChars(20_000)),
                        (a, caller) -> draft(new PlanDraft(models.router(s), s.perspectives()).draft(a.string(
                                "goal")))),
                ToolEntry.lead("submit_plan", "Hand the engine the goal's plan: tasks with ids and depends_on. It starts "
                                + "every task whose dependencies are merged, as many at once as the worker limit "
                                + "allows, each from the integration branch's head; merges each finished task; and "
                                + "when one fails (or its merge conflicts) blocks the tasks that wait for it and "
                                + "tells you in your inbox (an escalation) until you retry_task or cancel it. Refused, "
                                + "with the problem named, for a cycle, an unknown dependency, a duplicate id, an "
                                + "unknown perspective or agent, or more than " + PlanCheck.MAX_TASKS + " tasks. "
                                + "One plan per session: change it with update_plan. Wait with wait_for_any as usual.",
                        List.of(Param.objects("tasks", true, "The tasks, in the order you would list them.",
                                taskFields())),
                        (a, caller) -> view(s, s.plan().submit(drafts(a.optObjects("tasks")), check(s)))),
                ToolEntry.lead("update_plan", "Change the running plan: add tasks (they may depend on existing ones) "
                                + "and cancel tasks not done (a running one's worker is killed; the tasks that wait "
                                + "for a cancelled one are blocked).",
                        List.of(Param.objects("add", false, "Tasks to add, as in submit_plan.", taskFields()),
                                Param.opt("cancel", "string[]", "Ids of tasks to cancel.").maxChars(40)),
                        (a, caller) -> view(s, s.plan().update(drafts(a.optObjects("add")), a.optStrings("cancel"),
                                check(s), id -> s.endings().kill(id)))),
                ToolEntry.lead("get_plan", "The plan as it stands: each task's state (pending, running, done, failed, "
                                + "blocked, cancelled), whether a pending one is ready, its worker, why it failed or "
                                + "is blocked, and how many attempts it took; with counts per state.", List.of(),
                        (a, caller) -> view(s, s.plan().tasks())),
                ToolEntry.lead("retry_task", "Start a failed task again (a new worker, from the integration branch's "
                                + "head); the tasks it blocked wait for it again.",
                        List.of(Param.req("id", "string", "The failed task's id.").maxChars(40)),
                        (a, caller) -> {
                            s.plan().retry(a.string("id"));
                            return view(s, s.plan().tasks());
                        }));
    }

    private static Map<String, Object> draft(PlanDraft.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("drafted_by", r.draftedBy());
        m.put("note", r.note());
        m.put("tasks", r.plan().tasks().stream().map(t -> {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("id", t.id());
            task.put("task", t.task());
            task.put("perspective", t.perspective());
            task.put("agent", t.agent());
            task.put("depends_on", t.dependsOn());
            return task;
        }).toList());
        m.put("plan_toml", r.toml());
        return m;
    }

    private static PlanCheck check(Supervisor s) {
        return new PlanCheck(s.perspectives(), s.spawner().agentKeys());
    }

    private static List<PlanCheck.Draft> drafts(List<ToolArgs> items) {
        return items.stream().map(t -> new PlanCheck.Draft(t.string("id"), t.string("task"), t.optString("perspective"),
                t.optString("agent"), t.optStrings("depends_on"))).toList();
    }

    private static Map<String, Object> view(Supervisor s, List<PlanTask> plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks", PlanView.of(plan, ShownText.AS_WRITTEN));
        m.put("summary", PlanView.summary(plan));
        return m;
    }
}
