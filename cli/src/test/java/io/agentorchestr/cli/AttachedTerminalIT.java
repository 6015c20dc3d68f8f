package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.Poll;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attached terminal, as a user meets it: a tmux server of its own plays the user's terminal, and
 * a real tmux client in it shows the sandbox's server. Started from a pane of that server (inside
 * tmux) the user's own client is switched to the goal and back to their window at the end; started
 * from a plain terminal a client is attached there and detached at the end, with no progress text
 * written over it. F9 and --pause pause; Ctrl-C in the lead's pane is the lead's, and the report
 * still agrees with itself.
 */
@Timeout(240)
class AttachedTerminalIT extends SandboxedRun {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private final SystemProcessRunner runner = new SystemProcessRunner();

    private Path terminal() {
        return dir.resolve("terminal.sock");
    }

    @AfterEach
    void closeTerminal() {
        runner.run(ProcessSpec.of("tmux", "-S", terminal().toString(), "kill-server"));
    }

    private String term(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-S", terminal().toString(), "-f", "/dev/null"));
        argv.addAll(List.of(args));
        return runner.runChecked(ProcessSpec.of(argv)).stdout();
    }

    private String sandbox(String... args) {
        ExecResult r = dist.tmux(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
        return r.stdout();
    }

    /** A shell with the sandbox's environment and agentorchestr on PATH, in the project. */
    private String shell(boolean insideTmux) throws IOException {
        StringBuilder rc = new StringBuilder();
        for (Map.Entry<String, String> e : dist.environment().entrySet()) {
            if (!e.getKey().equals("TMUX")) {
                rc.append("export ").append(e.getKey()).append("='").append(e.getValue()).append("'\n");
            }
        }
        rc.append("export PATH='").append(dist.launcher().getParent()).append("':\"$PATH\"\n");
        rc.append(insideTmux ? "" : "unset TMUX TMUX_PANE\n").append("PS1='$ '\ncd '").append(project.dir())
                .append("'\n");
        Path file = dir.resolve(insideTmux ? "inside.rc" : "outside.rc");
        Files.writeString(file, rc);
        return "bash --noprofile --rcfile " + file;
    }

    /** The user's own tmux session on the sandbox's server, shown by a client in the terminal. */
    private String userSessionOnTheTerminal() throws IOException {
        sandbox("new-session", "-d", "-s", "user", "-n", "notes", "-x", "120", "-y", "35", shell(true));
        sandbox("new-window", "-t", "user", "-n", "work", shell(true));
        String window = sandbox("display-message", "-p", "-t", "user:work", "#{window_id}").strip();
        term("new-session", "-d", "-s", "term", "-x", "120", "-y", "35", "env -u TMUX tmux -S " + dist.socket()
                + " -f /dev/null attach -t user:work");
        Poll.until("the user's client on their session", WAIT, () -> clients().equals(List.of("user " + window)));
        return window;
    }

    private void switched() {
        try {
            Poll.until("the user's client switched to the goal", WAIT, () -> clients().size() == 1
                    && clients().get(0).startsWith("agentorchestr-"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; clients " + clients() + "; the pane shows:\n"
                    + pane("user:work"), e);
        }
    }

    /** The people's clients of the sandbox's server: "session window" each. */
    private List<String> clients() {
        ExecResult r = dist.tmux("list-clients", "-F", "#{client_control_mode} #{session_name} #{window_id}");
        return r.stdout().lines().filter(l -> l.startsWith("0 ")).map(l -> l.substring(2)).toList();
    }

    private String pane(String target) {
        return dist.tmux("capture-pane", "-p", "-J", "-t", target).stdout();
    }

    private SessionRecord newest() {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.recentSessions(1).get(0);
        }
    }

    @Test
    void startedInsideTmuxTheUsersClientComesBackToItsOwnWindowStillAttached() throws IOException {
        String window = userSessionOnTheTerminal();
        String globalOptions = sandbox("show-options", "-g");
        sandbox("send-keys", "-t", "user:work", "agentorchestr --goal 'One [demo:sleep=3]' --agents demo; "
                + "echo goal-exit:$?", "Enter");
        switched();
        Poll.until("the status line to name the pause key", WAIT, () -> term("capture-pane", "-p", "-t", "term")
                .contains("F9  pause"));
        Poll.until("the goal to end", WAIT, () -> ended(pane("user:work")));
        String shown = pane("user:work");
        assertTrue(shown.contains("goal-exit:0") && shown.contains("state:       done"), shown);
        Poll.until("the client back in the window it came from", Duration.ofSeconds(15),
                () -> clients().equals(List.of("user " + window)));
        assertEquals(globalOptions, sandbox("show-options", "-g"), "only the session's own options were set");
    }

    @Test
    void startedOutsideTmuxTheClientIsDetachedAtTheEndAndNoProgressIsWrittenOverIt() throws IOException {
        term("new-session", "-d", "-s", "term", "-x", "120", "-y", "35", shell(false));
        List<String> screens = goalOnTheTerminal("$'One [demo:sleep=3]\\nTwo [demo:sleep=4]'");
        assertTrue(screens.stream().anyMatch(s -> s.contains("F9  pause")), "a client was attached here");
        for (String s : screens.subList(0, screens.size() - 1)) {
            assertFalse(s.contains("agentorchestr: w0"), "progress written over the attached client:\n" + s);
        }
        assertEquals(List.of(), clients(), "the client was detached");
        String log = Files.readString(Path.of(newest().sessionDir(), "progress.log"));
        assertTrue(log.contains("w01 started") && log.contains("w02 merged"), "progress went to its log:\n" + log);
    }

    @Test
    void whileAttachedTheBordersShowTheWorkersAndTheTerminalIsToldOncePerEvent() throws IOException {
        term("new-session", "-d", "-s", "term", "-x", "120", "-y", "35", shell(false));
        // Everything the terminal is sent, byte for byte: the client's drawing and the notices.
        Path bytes = dir.resolve("terminal.out");
        term("pipe-pane", "-o", "-t", "term", "cat >> " + bytes);
        List<String> screens = goalOnTheTerminal("$'Ask first [demo:ask]\\nTwo [demo:sleep=4]'");
        assertTrue(screens.stream().anyMatch(s -> s.contains("w02 · implementer · demo · running ")),
                "w02's border named it and its state:\n" + String.join("\n----\n", screens));
        assertTrue(screens.stream().anyMatch(s -> s.matches("(?s).*\\d running · .*\\d+s.*")),
                "the status line counted the workers");
        String sent = read(bytes);
        // w01 asked (the demo lead answers it), and the goal ended: one notice each, no more.
        assertEquals(2, count(sent, "\u001b]9;"), sent.replace('\u001b', '~'));
        assertTrue(sent.contains("\u001b]9;agentorchestr: w01 asks: w01 waits for input: its screen asks: "),
                "the question's notice");
        assertTrue(sent.contains("\u001b]777;notify;agentorchestr: goal ended;goal done: "), "the end's notice");
    }

    /**
     * Runs a goal of demo workers from the shell of the terminal's session "term" and returns every
     * screen seen until it ended, done, exit 0.
     */
    private List<String> goalOnTheTerminal(String goal) {
        term("send-keys", "-t", "term", "agentorchestr --goal " + goal + " --agents demo; echo goal-exit:$?", "Enter");
        List<String> screens = new ArrayList<>();
        Poll.until("the goal to end", WAIT, () -> {
            String screen = term("capture-pane", "-p", "-t", "term");
            screens.add(screen);
            return ended(screen);
        });
        String end = term("capture-pane", "-p", "-J", "-t", "term");
        assertTrue(end.contains("goal-exit:0") && end.contains("state:       done"), end);
        return screens;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void thePauseKeyAndPausePauseAnAttachedGoalAndResumeFinishesIt() throws Exception {
        String window = userSessionOnTheTerminal();
        sandbox("send-keys", "-t", "user:work", "agentorchestr --goal 'Slow [demo:sleep=15]' --agents demo; "
                + "echo goal-exit:$?", "Enter");
        switched();
        Poll.until("the status line to name the pause key", WAIT, () -> term("capture-pane", "-p", "-t", "term")
                .contains("F9  pause"));
        Poll.until("the worker running", WAIT, () -> running() == 1);
        term("send-keys", "-t", "term", "F9");  // typed on the user's terminal: through their client's key table
        Poll.until("the goal to pause", WAIT, () -> ended(pane("user:work")));
        assertTrue(pane("user:work").contains("goal-exit:4"), pane("user:work"));
        assertTrue(pane("user:work").contains("state:       paused"), pane("user:work"));
        Poll.until("the client back in its window", Duration.ofSeconds(15),
                () -> clients().equals(List.of("user " + window)));

        String id = newest().id();
        ExecResult done = dist.run("--resume", id, "--no-attach", "--json");
        assertEquals(0, done.exitCode(), done.stderr() + "\nSTDOUT\n" + done.stdout());
        assertEquals("done", json.readTree(done.stdout()).get("state").asText());

        // --pause from another shell, on a goal nobody watches.
        Process other = dist.start(dir.resolve("other.log"), "--goal", "Slow too [demo:sleep=15]", "--agents", "demo",
                "--project", project.dir().toString(), "--no-attach");
        Poll.until("the other goal's worker", WAIT, () -> running() == 1);
        String otherId = newest().id();
        ExecResult pause = dist.run("--pause", otherId);
        assertEquals(0, pause.exitCode(), pause.stderr());
        assertTrue(pause.stderr().contains("session " + otherId + " is paused; --resume " + otherId + " continues it"),
                pause.stderr());
        assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        assertEquals(4, other.exitValue(), read(dir.resolve("other.log")));
        ExecResult again = dist.run("--pause", otherId);
        assertEquals(2, again.exitCode(), "a paused session is not running: " + again.stderr());
        assertTrue(again.stderr().contains("is not running (it is paused)"), again.stderr());
    }

    @Test
    void ctrlCInTheLeadsPaneGoesToTheLeadAndTheReportStillAgreesWithItself() throws Exception {
        Process goal = dist.start(dir.resolve("goal.log"), "--goal", "One [demo:sleep=5]\nTwo [demo:sleep=6]",
                "--agents", "demo", "--project", project.dir().toString(), "--no-attach", "--json");
        Poll.until("two running workers", WAIT, () -> Files.exists(dist.stateDb()) && running() == 2);
        String lead = sandbox("list-panes", "-t", newest().tmuxSession() + ":0", "-F", "#{pane_id}").lines()
                .findFirst().orElseThrow();
        sandbox("send-keys", "-t", lead, "C-c");
        assertTrue(goal.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("goal.log"));
        assertEquals(0, goal.exitValue(), log);
        assertTrue(log.contains("relaunching it"), "the demo lead died of its Ctrl-C and was relaunched:\n" + log);
        JsonNode out = json.readTree(log.substring(log.indexOf("{\n")));
        assertEquals("done", out.get("state").asText(), log);
        assertEquals("2 worker task(s) done and merged; not verified (no verify command configured)",
                out.get("summary").asText());
        for (JsonNode w : out.get("workers")) {
            assertEquals("done", w.get("state").asText(), w.toString());
            assertFalse(w.get("merged_commit").isNull(), w.toString());
        }
    }

    /** The shell printed the run's exit status (the typed command line names it too, with a $). */
    private static boolean ended(String screen) {
        return java.util.regex.Pattern.compile("goal-exit:\\d").matcher(screen).find();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private long running() {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            List<SessionRecord> s = store.recentSessions(1);
            return s.isEmpty() ? 0 : store.workers(s.get(0).id()).stream().map(WorkerRecord::state)
                    .filter(st -> st == WorkerState.RUNNING).count();
        }
    }
}
