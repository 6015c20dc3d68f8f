package io.agentorchestr.core.context;

import io.agentorchestr.core.hooks.HookEvent;
import io.agentorchestr.core.worker.WorkerBrief;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A worker's hooks, in goal and manual mode alike, with the fields docs/hooks.md lists for each. */
public final class TaskHooks {
    private TaskHooks() {
    }

    /** pre_task, before anything of the worker exists: why it must not start, if a hook says so. */
    public static Optional<String> refusal(SessionContext context, String workerId, WorkerBrief brief, String agent,
                                           String branch) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("worker_id", workerId);
        task.put("task", brief.task());
        task.put("perspective", brief.perspective().label());
        task.put("agent", agent);
        task.put("branch", branch);
        task.put("file_scope", brief.fileScope());
        task.put("skills", brief.skills().stream().map(s -> s.name()).toList());
        return context.check(HookEvent.PRE_TASK, task).map(run -> run.reason() + "; " + workerId + " was not started");
    }

    /** post_task for every worker that finished, and on_failure too for one that failed. */
    public static void ended(SessionContext context, WorkerRecord w) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("worker_id", w.id());
        task.put("state", w.state().label());
        task.put("summary", w.summary());
        task.put("signal", w.signal());
        task.put("exit_status", w.exitStatus());
        task.put("agent", w.agent());
        task.put("branch", w.branch());
        task.put("worktree", w.worktree());
        task.put("attempt", w.attempt());
        task.put("task", w.task());
        context.fire(HookEvent.POST_TASK, task);
        if (w.state() == WorkerState.FAILED) {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("scope", "worker");
            failure.put("worker_id", w.id());
            failure.put("reason", w.summary());
            context.fire(HookEvent.ON_FAILURE, failure);
        }
    }
}
