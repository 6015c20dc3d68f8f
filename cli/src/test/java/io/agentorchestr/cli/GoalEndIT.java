package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A finished goal leaves nothing running: its agents are asked to quit, then stopped, and their panes
 * keep their last screens. {@code --clean} then removes what is left of ended sessions (tmux
 * sessions, clean worktrees, merged branches) and keeps, with the reason, anything holding work.
 */
@Timeout(400)
class GoalEndIT extends SandboxedRun {

    @Test
    void fiveGoalsLeaveNoAgentRunningAndCleanRemovesTheRestButNeverWork() throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add(goal("Note " + i + "\nOther note " + i, 0).get("session").asText());
        }
        JsonNode failed = goal("Good one\nBroken one [demo:fail]", 3);
        sessions.add(failed.get("session").asText());

        int livePanes = livePanes();
        int agents = agentProcesses(sessions);
        int worktrees = worktrees();
        System.out.printf("after 5 goals: %d live panes, %d agent processes, %d worktrees (besides the checkout),"
                + " %d tmux sessions%n", livePanes, agents, worktrees, tmuxSessions());
        assertEquals(0, livePanes, "every pane is dead, its last screen kept");
        assertEquals(0, agents, "no agent process of these sessions is left");
        assertEquals(5 + 1, worktrees, "five integration worktrees and the failed worker's");
        assertEquals(5, tmuxSessions(), "the sessions stay for inspection until cleaned");

        ExecResult dry = dist.run("--clean", "--finished", "--dry-run", "--json");
        assertEquals(0, dry.exitCode(), dry.stderr());
        assertTrue(json.readTree(dry.stdout()).size() > 10, dry.stdout());
        assertEquals(6, worktrees(), "a dry run changes nothing");

        Path failedTree = Path.of(failed.get("workers").get(1).get("worktree").asText());
        Files.writeString(failedTree.resolve("unsaved.txt"), "work in progress");
        // The user takes one goal's work as a squash merge: its integration branch is then no longer needed.
        String squashed = "agentorchestr/" + sessions.get(0) + "/integration";
        project.git("merge", "--squash", squashed);
        project.git("commit", "-q", "-m", "notes, squashed");
        ExecResult clean = dist.run("--clean", "--finished");
        assertEquals(0, clean.exitCode(), clean.stderr());
        System.out.println("after --clean --finished: " + worktrees() + " worktree(s), " + tmuxSessions()
                + " tmux session(s), " + project.git("branch", "--list", "agentorchestr/*").lines().count()
                + " agentorchestr branch(es) kept\n" + clean.stdout());
        assertEquals(0, tmuxSessions());
        // Events are kept to what each session did: its chatter (tool calls, progress, signals) went.
        try (io.agentorchestr.core.store.SqliteStateStore store = io.agentorchestr.core.store.SqliteStateStore.open(
                dist.stateDb())) {
            for (String id : sessions) {
                List<String> kinds = store.events(id).stream().map(e -> e.kind()).toList();
                assertFalse(kinds.contains("tool_called") || kinds.contains("progress_reported"), id + ": " + kinds);
                assertTrue(kinds.contains("session_started") && kinds.contains("worker_merged")
                        && kinds.contains("session_ended"), id + ": " + kinds);
            }
        }
        assertTrue(clean.stdout().contains("what the session did (spawns, states, merges, verify, its end) is kept"),
                clean.stdout());
        assertEquals(1, worktrees(), "only the worktree with uncommitted work stays");
        assertTrue(Files.exists(failedTree.resolve("unsaved.txt")));
        assertTrue(clean.stdout().contains("uncommitted changes (1 file(s))"), clean.stdout());
        assertTrue(clean.stdout().contains("holds the session's merged work"), clean.stdout());
        Set<String> branches = new HashSet<>(project.git("branch", "--list", "--format=%(refname:short)",
                "agentorchestr/*").lines().toList());
        assertEquals(4 + 1, branches.size(), "integration branches and the failed worker's branch: " + branches);
        assertFalse(branches.contains(squashed), "its work is in HEAD, squashed: " + branches);
        assertTrue(clean.stdout().contains("its work is in your checkout's HEAD (merged, squashed or cherry-picked)"),
                clean.stdout());
        assertTrue(branches.stream().noneMatch(b -> b.contains("implementer-w01") && !b.startsWith("agentorchestr/"
                + failed.get("session").asText())), "merged worker branches are gone: " + branches);

        Files.delete(failedTree.resolve("unsaved.txt"));
        ExecResult again = dist.run("--clean", failed.get("session").asText());
        assertEquals(0, again.exitCode(), again.stderr());
        assertEquals(0, worktrees());
        assertTrue(again.stdout().contains("not merged: its commits are on no other branch"), again.stdout());
        assertTrue(project.git("branch", "--list", "agentorchestr/*").contains("implementer-w02"),
                "an unmerged branch is never deleted");
        assertTrue(again.stdout().contains("--clean " + failed.get("session").asText() + " --force"), again.stdout());

        assertEquals(2, dist.run("--clean", "--finished", "--force").exitCode(), "--force only for named sessions");
        String failedPrefix = "agentorchestr/" + failed.get("session").asText() + "/";
        String w02 = project.git("rev-parse", failedPrefix + "implementer-w02");
        ExecResult forced = dist.run("--clean", failed.get("session").asText(), "--force");
        assertEquals(0, forced.exitCode(), forced.stderr());
        assertTrue(forced.stdout().contains("git branch " + failedPrefix + "implementer-w02 " + w02), forced.stdout());
        assertEquals("", project.git("branch", "--list", failedPrefix + "*"), "the chosen session's branches are gone");
        assertEquals(3, project.git("branch", "--list", "agentorchestr/*").lines().count(), "the others stay");
    }

    private int livePanes() {
        ExecResult r = dist.tmux("list-panes", "-a", "-F", "#{pane_dead}");
        return (int) r.stdout().lines().filter(l -> l.strip().equals("0")).count();
    }

    private int tmuxSessions() {
        ExecResult r = dist.tmux("list-sessions", "-F", "#{session_name}");
        return r.ok() ? (int) r.stdout().lines().filter(l -> !l.isBlank()).count() : 0;
    }

    private int worktrees() {
        return (int) project.git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree "))
                .count() - 1;
    }

    /** Processes whose environment names one of these sessions: agents, and whatever they left running. */
    static int agentProcesses(List<String> sessions) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return (int) procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                    return sessions.stream().anyMatch(s -> env.contains("AGENTORCHESTR_SESSION_ID=" + s + "\0"));
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void aGoalsEndDropsTheChatterOfSessionsThatEndedLongerAgoThanKeepDays() throws Exception {
        Files.createDirectories(dir.resolve("xdg/config/agentorchestr"));
        Files.writeString(dir.resolve("xdg/config/agentorchestr/config.toml"), "[store]\nkeep_days = 30\n");
        dist.run("--list-sessions");   // the store, made as the launcher makes it
        java.time.Instant ended = java.time.Instant.now().minus(java.time.Duration.ofDays(40));
        try (io.agentorchestr.core.store.SqliteStateStore store = io.agentorchestr.core.store.SqliteStateStore.open(
                dist.stateDb())) {
            io.agentorchestr.core.model.SessionRecord old = new io.agentorchestr.core.model.SessionRecord("old1", "auto",
                    "an old goal", project.dir().toString(), "demo", List.of("demo"),
                    io.agentorchestr.core.model.SessionStatus.RUNNING, "abc", null, "agentorchestr-old1", "", null,
                    dir.resolve("old1").toString(), 1, null, ended, ended, null);
            store.createSession(old);
            store.append("old1", new io.agentorchestr.core.model.SessionEvent.ProgressReported("w01", "halfway"));
            store.append("old1", new io.agentorchestr.core.model.SessionEvent.SessionEnded("done", "done"));
            store.updateSession(old.ended(io.agentorchestr.core.model.SessionStatus.DONE, "done"));
        }
        // ended() dated it now: back to 40 days ago, as a session of last month would be.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dist.stateDb());
             java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE sessions SET ended_at = '" + ended + "' WHERE id = 'old1'");
        }

        ExecResult r = dist.run("--goal", "A note", "--agents", "demo", "--project", project.dir().toString(),
                "--no-attach");

        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("store: 1 event(s) of sessions that ended more than [store] keep_days ago"),
                r.stderr());
        try (io.agentorchestr.core.store.SqliteStateStore store = io.agentorchestr.core.store.SqliteStateStore.open(
                dist.stateDb())) {
            assertEquals(List.of("session_ended"), store.events("old1").stream().map(e -> e.kind()).toList());
        }
    }

    @Test
    void aManualTasksAgentIsStoppedWhenItEndsItsPaneKeepsItsScreen() throws Exception {
        ExecResult r = dist.run("--manual", "--task", "A note", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        String session = json.readTree(r.stdout()).get("session").asText();
        assertEquals(0, agentProcesses(List.of(session)));
        assertEquals(0, livePanes());
        String screen = dist.tmux("capture-pane", "-p", "-t", "agentorchestr-" + session).stdout();
        assertTrue(screen.contains("WORKER_DONE"), screen);
        assertFalse(screen.isBlank());
    }
}
