package io.agentorchestr.core.monitor;

import io.agentorchestr.core.model.WorkerState;

/**
 * How a worker ended.
 *
 * @param signal     which signal decided: done_flag, output_line, pane_exit, pane_gone, timeout,
 *                   worktree_gone (deleted under it) or monitor_error (watching it failed)
 * @param exitStatus the agent's exit status when its pane is dead, else null
 */
public record Completion(WorkerState state, String summary, String signal, Integer exitStatus) {
    public static final String DONE_FLAG = "done_flag";
    public static final String OUTPUT_LINE = "output_line";
    public static final String PANE_EXIT = "pane_exit";
    public static final String PANE_GONE = "pane_gone";
    public static final String TIMEOUT = "timeout";
    public static final String WORKTREE_GONE = "worktree_gone";
    public static final String MONITOR_ERROR = "monitor_error";
}
