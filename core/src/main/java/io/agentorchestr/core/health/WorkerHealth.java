package io.agentorchestr.core.health;

import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.model.WorkerState;

import java.nio.file.Path;
import java.time.Instant;

/** What the health monitor knows of one worker attempt; touched only by the monitor's thread and under its lock. */
final class WorkerHealth {
    final String id;
    final PaneRef pane;
    final Path log;
    final ScreenMarkers markers;
    long size;
    Instant lastOutput;
    /** Output before this instant is our own input echoed by the terminal, not the agent's. */
    Instant echoUntil = Instant.MIN;
    WorkerState shown = WorkerState.RUNNING;
    boolean classified;
    /** Index of the next recovery step in this hung episode; 0 when not recovering. */
    int step;
    Instant stepAt = Instant.MIN;
    boolean interrupted;
    int restarts;
    boolean reminded;
    boolean reported;

    WorkerHealth(String id, PaneRef pane, Path log, ScreenMarkers markers, long size, Instant now, int restarts) {
        this.id = id;
        this.pane = pane;
        this.log = log;
        this.markers = markers;
        this.size = size;
        this.lastOutput = now;
        this.restarts = restarts;
    }

    /** Quiet since the later of the last output and the last recovery step. */
    long quietMillis(Instant now) {
        Instant since = lastOutput.isAfter(stepAt) ? lastOutput : stepAt;
        return now.toEpochMilli() - since.toEpochMilli();
    }
}
