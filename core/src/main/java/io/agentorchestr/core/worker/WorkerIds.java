package io.agentorchestr.core.worker;

import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.Worktrees;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which worker id a new worker of a session gets. A start cut short by anything (a signal, a full
 * disk, a crash of the orchestrator) can leave its worktree directory or its branch behind, and a
 * user may have made a branch with the next worker's name: the id moves past every one of them, so
 * none blocks the next spawn with "already exists", and none is deleted.
 */
public final class WorkerIds {
    private final Git git;
    private final Worktrees worktrees;

    public WorkerIds(Git git, Worktrees worktrees) {
        this.git = git;
        this.worktrees = worktrees;
    }

    /** Where every branch of the session's workers lives: {@code agentorchestr/<sid>/}. */
    public static String branchPrefix(String sessionId) {
        return "agentorchestr/" + sessionId + "/";
    }

    /** The branch of one worker: {@code agentorchestr/<sid>/<perspective>-<id>}. */
    public static String branchName(String sessionId, String perspective, WorkerId id) {
        return branchPrefix(sessionId) + perspective + "-" + id;
    }

    /** The first id from number {@code from} on that left nothing behind in {@code project}. */
    public WorkerId firstFree(Path project, String sessionId, int from) {
        // Whatever the perspective: the id alone is what must stay unique.
        Set<String> branched = git.branchesUnder(project, branchPrefix(sessionId)).stream()
                .map(b -> b.substring(b.lastIndexOf('-') + 1))
                .collect(Collectors.toSet());
        WorkerId id = new WorkerId(from);
        while (branched.contains(id.toString())
                || Files.exists(worktrees.pathFor(project, sessionId, id.toString()))) {
            id = id.next();
        }
        return id;
    }
}
