package io.agentorchestr.core.monitor;

import io.agentorchestr.core.tmux.PaneRef;

import java.nio.file.Path;

/**
 * What the detector watches for one worker: its pane, its worktree (done flag), its pane log, and
 * the file where the launch wrapper records the agent's exit status.
 */
public record WatchedWorker(String workerId, PaneRef pane, Path worktree, Path log, Path exitFile,
                            OutputMarkers markers) {
}
