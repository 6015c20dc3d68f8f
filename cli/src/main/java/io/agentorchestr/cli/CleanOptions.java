package io.agentorchestr.cli;

import picocli.CommandLine.Option;

import java.util.List;

/** Options of {@code --clean}: which ended sessions to clean, and whether only to show what would go. */
public final class CleanOptions {
    @Option(names = "--clean", paramLabel = "ID", arity = "0..*", order = 15, description = "Remove what ended "
            + "sessions left behind: stop their agents, close their tmux sessions, remove their clean worktrees and "
            + "their merged branches. Work is never removed: a worktree with uncommitted changes and an unmerged "
            + "branch are kept, and listed with the reason; a branch whose work is in your HEAD (merged, squashed "
            + "or cherry-picked) goes. Name the sessions, or pass --finished.")
    public List<String> ids;

    @Option(names = "--finished", order = 16, description = "With --clean: every session that ended (done, failed, "
            + "interrupted).")
    public boolean finished;

    @Option(names = "--dry-run", order = 17, description = "With --clean: list what would be removed and kept; "
            + "change nothing.")
    public boolean dryRun;

    @Option(names = "--force", order = 18, description = "With --clean ID...: also delete those sessions' branches "
            + "whose work is in no other branch (each listed with its commit, to bring it back). Worktrees with "
            + "uncommitted changes still stay. Try --dry-run first.")
    public boolean force;

    public boolean given() {
        return ids != null;
    }
}
