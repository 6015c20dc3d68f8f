package io.agentorchestr.core.monitor;

import io.agentorchestr.core.tmux.PaneRef;

import java.nio.file.Path;

/** What the detector watches for one worker: its pane, its worktree (done flag) and its pane log. */
public record WatchedWorker(String workerId, PaneRef pane, Path worktree, Path log, OutputMarkers markers) {
}
