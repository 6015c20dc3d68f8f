package io.agentorchestr.core.worker;

import io.agentorchestr.core.config.ProjectConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * The control files agentorchestr and agents exchange inside a worktree. They are excluded from git
 * through the repository's info/exclude (never committed), while the rest of {@code .agentorchestr/}
 * (PROJECT.md, hooks.json, ...) stays committable.
 */
public final class ControlFiles {
    public static final String DIR = ProjectConfig.DIR;
    public static final String DONE_FLAG = "done.flag";
    public static final String DONE_FLAG_TMP = "done.flag.tmp";

    /** Patterns for info/exclude, anchored at the work tree root. */
    public static final List<String> EXCLUDE_PATTERNS = List.of(
            "/" + DIR + "/" + DONE_FLAG,
            "/" + DIR + "/" + DONE_FLAG_TMP);

    private ControlFiles() {
    }

    public static Path controlDir(Path worktree) {
        return worktree.resolve(DIR);
    }

    public static Path doneFlag(Path worktree) {
        return controlDir(worktree).resolve(DONE_FLAG);
    }
}
