package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.GoalOptions;
import io.agentorchestr.cli.GoalSource;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.goal.PlanDraft;
import io.agentorchestr.core.worker.Perspectives;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --goal ... --draft-plan}: the router's plan model drafts a plan.toml for the goal, checked as
 * --plan would check it, on stdout (nothing runs); who drafted it, and any caveat, on stderr. With
 * {@code --json}: the plan's text with its tasks, who drafted it and the note.
 */
public final class DraftPlanCommand extends ModeCommand {
    private final GoalOptions goal;

    public DraftPlanCommand(CliContext context, CommandSpec spec, GoalOptions goal, CommonOptions common) {
        super(context, spec, common);
        this.goal = goal;
    }

    @Override
    public Integer call() {
        String text = GoalSource.read(goal, err());
        Path project = projectRoot();
        PlanDraft.Result r;
        try {
            r = new PlanDraft(context.routers().of(project, null), Perspectives.load(project)).draft(text);
        } catch (io.agentorchestr.core.goal.ToolError e) {
            throw io.agentorchestr.core.error.AgentorchestrException.usage("--draft-plan: " + e.getMessage());
        }
        if (common.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("drafted_by", r.draftedBy());
            m.put("note", r.note());
            m.put("plan_toml", r.toml());
            io.agentorchestr.cli.Json.print(out(), m);
        } else {
            out().print("# drafted by " + r.draftedBy() + "; " + r.note().replace("\n", " ") + "\n" + r.toml());
        }
        out().flush();
        progress("plan drafted by " + r.draftedBy() + ": " + r.note() + "; run it with agentorchestr --plan FILE");
        return ExitCode.OK.code();
    }
}
