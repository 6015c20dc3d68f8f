package io.agentorchestr.cli;

import io.agentorchestr.core.testing.TestRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated bad values for every flag, in-process against real tmux and git: each gets exit code 2
 * and one message that names the flag or the problem, with no stack trace; no session is created and
 * nothing in the user's checkout changes. Afterwards a normal manual task runs. The counts are printed.
 */
@Timeout(240)
class CliBadInputIT {
    @TempDir
    Path dir;
    private TestRepo project;
    private Map<String, String> env;

    @BeforeEach
    void sandbox() throws Exception {
        project = TestRepo.create(dir.resolve("project"));
        System.setProperty("agentorchestr.home", Distribution.HOME.toAbsolutePath().toString());
        env = new HashMap<>(System.getenv());
        env.remove("TMUX");
        env.put("HOME", dir.toString());
        env.put("AGENTORCHESTR_CONFIG_DIR", dir.resolve("config").toString());
        env.put("AGENTORCHESTR_DATA_DIR", dir.resolve("data").toString());
        env.put("AGENTORCHESTR_STATE_DIR", dir.resolve("state").toString());
        env.put("AGENTORCHESTR_TMUX_SOCKET", dir.resolve("tmux.sock").toString());
        env.put("AGENTORCHESTR_TMUX_CONF", "/dev/null");
    }

    /** The final manual run started a tmux server on the test's socket: it goes with the test. */
    @org.junit.jupiter.api.AfterEach
    void stopTmux() {
        new io.agentorchestr.core.process.SystemProcessRunner().run(io.agentorchestr.core.process.ProcessSpec.of(
                "tmux", "-S", dir.resolve("tmux.sock").toString(), "kill-server"));
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private List<String> goal(String... extra) {
        List<String> a = new ArrayList<>(List.of("--goal", "A note", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach"));
        a.addAll(List.of(extra));
        return a;
    }

    private List<String> manual(String task, String... extra) {
        List<String> a = new ArrayList<>(List.of("--manual", "--task", task, "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach"));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void everyFlagRefusesGeneratedBadValuesClearlyAndNothingIsTouched() throws Exception {
        Path notUtf8 = Files.write(dir.resolve("latin1.txt"), new byte[]{(byte) 0xe9, 'x'});
        Path withNul = Files.write(dir.resolve("nul.txt"), new byte[]{'a', 0, 'b'});
        Path withEsc = Files.writeString(dir.resolve("esc.txt"), "fix \u001b[2J it");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "   \n");
        Path aFile = Files.writeString(dir.resolve("file.txt"), "x");
        Path notGit = Files.createDirectories(dir.resolve("plain"));

        Map<String, List<Object[]>> cases = new LinkedHashMap<>();
        for (String bad : new String[]{"", "   ", "fix \u001b[2J it", "a\u0000b", "x\ud800", "\u009b31m",
            "x".repeat(1_000_001)}) {
            add(cases, "--goal", goalWith(bad), "the goal");
            add(cases, "--task", manual(bad), "the task");
        }
        for (Path f : new Path[]{dir.resolve("missing.txt"), dir, notUtf8, withNul, withEsc, empty}) {
            add(cases, "--goal-file", List.of("--goal-file", f.toString(), "--agents", "demo", "--project",
                    project.dir().toString()), "goal");
        }
        add(cases, "--interactive", List.of("--interactive", "--goal", "x"), "one way");
        add(cases, "--manual", List.of("--manual", "--agents", "demo"), "the task is empty");
        for (String bad : new String[]{"nosuch", "../x", "demo,nosuch", " "}) {
            add(cases, "--agents", List.of("--manual", "--task", "x", "--agents", bad, "--project",
                    project.dir().toString()), "agent");
        }
        for (String bad : new String[]{"nosuch", "../x", "aider"}) {
            add(cases, "--lead", goal("--lead", bad), "agent");
        }
        for (String bad : new String[]{"0", "-1", "101", "99999999999", "abc", "1.5", ""}) {
            add(cases, "--max-workers", goal("--max-workers", bad), "--max-workers");
        }
        for (String bad : new String[]{"0", "-3s", "5x", "1000000000000000000s", "99999999999999999999s", "721h",
            "5 minutes", ""}) {
            add(cases, "--timeout", goal("--timeout", bad), "--timeout");
            add(cases, "--timeout (manual)", manual("x", "--timeout", bad), "--timeout");
        }
        for (String bad : new String[]{"0", "200h", "abc"}) {
            add(cases, "--hung-after", goal("--hung-after", bad), "--hung-after");
        }
        for (String bad : new String[]{"pray", "nudge,pray"}) {
            add(cases, "--on-hung", goal("--on-hung", bad), "--on-hung");
        }
        for (String bad : new String[]{"grid", "", "tiled,windows"}) {
            add(cases, "--layout", goal("--layout", bad), "main-horizontal, main-vertical, tiled, windows");
        }
        for (String bad : new String[]{"0", "17", "-1", "abc"}) {
            add(cases, "--panes-per-window", goal("--panes-per-window", bad), "--panes-per-window");
        }
        for (String bad : new String[]{"loud", ""}) {
            add(cases, "--notify", goal("--notify", bad), "none, terminal, desktop or all");
        }
        for (String bad : new String[]{"nosuchref", "../../x", "HEAD~999", "-rf"}) {
            add(cases, "--base", goal("--base", bad), "--base");
        }
        for (Path bad : new Path[]{dir.resolve("missing"), aFile, notGit}) {
            add(cases, "--project", List.of("--goal", "x", "--agents", "demo", "--project", bad.toString()), bad
                    .getFileName().toString());
        }
        for (String bad : new String[]{"nope", "../x", ""}) {
            add(cases, "--resume", List.of("--resume", bad), "session");
        }
        add(cases, "--clean", List.of("--clean", "nope"), "no session 'nope'");
        add(cases, "--dry-run", List.of("--dry-run"), "--dry-run goes with --clean");
        add(cases, "modes", List.of("--detect", "--doctor"), "cannot be combined");
        add(cases, "modes", List.of("--goal", "x", "--clean", "--finished"), "cannot be combined");
        add(cases, "modes", List.of("--list-agents", "--list-sessions"), "cannot be combined");
        add(cases, "--tmux-server", List.of("--tmux-server", "work", "--list-sessions"),
                "--tmux-server goes with --list-agents");
        for (String bad : new String[]{"70000", "-1", "abc", ""}) {
            add(cases, "--port", List.of("--dashboard", "--port", bad), "--port");
        }
        for (String bad : new String[]{"not an address", "example.com", "999.1.1.1"}) {
            add(cases, "--bind", List.of("--dashboard", "--bind", bad), "--bind");
        }
        add(cases, "--port", List.of("--port", "3001"), "go with --dashboard");
        add(cases, "modes", List.of("--dashboard", "--list-agents"), "cannot be combined");
        add(cases, "--key", List.of("--key", "k"), "--key goes with --skill-sign");
        add(cases, "--principal", List.of("--principal", "p"), "--principal goes with --trust-key");
        add(cases, "--trust-key", List.of("--trust-key", "ssh-rsa AAAA", "--principal", "p"), "ed25519");
        add(cases, "--trust-key", List.of("--trust-key", dir.resolve("missing.pub").toString(), "--principal", "p"),
                "cannot read");
        add(cases, "--skill-verify", List.of("--skill-verify", dir.resolve("missing").toString(), "--json"),
                "not a skill directory");

        String before = checkout();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object[]>> flag : cases.entrySet()) {
            for (Object[] c : flag.getValue()) {
                @SuppressWarnings("unchecked")
                List<String> args = (List<String>) c[0];
                Run r = run(args);
                String shown = flag.getKey() + " " + args.toString().replaceAll("\\p{Cntrl}", "?");
                shown = shown.length() > 160 ? shown.substring(0, 157) + "..." : shown;
                assertEquals(2, r.code(), shown + ": " + r.err());
                assertTrue(r.err().startsWith("agentorchestr: error: "), shown + ": " + r.err());
                assertTrue(r.err().contains((String) c[1]), shown + " names the problem: " + r.err());
                assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), shown + ": " + r.err());
                assertEquals("", r.out(), shown + " prints no data");
                counts.merge(flag.getKey(), 1, Integer::sum);
            }
        }
        System.out.println("bad flag values tried (" + counts.values().stream().mapToInt(i -> i).sum() + " in all): "
                + counts);
        assertEquals(before, checkout(), "nothing changed in the checkout");
        assertEquals("[ ]", run(List.of("--list-sessions", "--json")).out().strip(), "no session was created");

        Run ok = run(manual("Write a note", "--json"));
        assertEquals(0, ok.code(), ok.err());
    }

    private static List<String> goalWith(String text) {
        return List.of("--goal", text, "--agents", "demo");
    }

    private static void add(Map<String, List<Object[]>> cases, String flag, List<String> args, String expected) {
        cases.computeIfAbsent(flag, k -> new ArrayList<>()).add(new Object[]{args, expected});
    }

    private String checkout() {
        return project.git("status", "--porcelain", "--ignored") + "|" + project.git("branch", "--list")
                + "|" + project.git("worktree", "list");
    }
}
