package io.agentorchestr.core.tmux;

import io.agentorchestr.core.testing.Poll;
import io.agentorchestr.core.testing.PrivateTmux;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of the {@link Tmux} port, run against a real tmux server on a private socket for each
 * adapter: a client process per command ({@link TmuxCliIT}) and one control-mode connection
 * ({@link TmuxControlIT}).
 */
@Timeout(60)
abstract class TmuxContract {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private PrivateTmux server;
    private Tmux tmux;

    /** A private server in {@code dir}, reached through the adapter under test. */
    abstract PrivateTmux server(Path dir);

    @BeforeEach
    void start() {
        server = server(dir);
        tmux = server.tmux();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private NewPane sh(String script) {
        return new NewPane(List.of("sh", "-c", script), dir, Map.of());
    }

    @Test
    void newSessionReturnsItsPaneIdAndTheServerListsIt() {
        PaneRef pane = tmux.newSession("s1", "agentorchestr", sh("sleep 600"));
        assertTrue(tmux.hasSession("s1"));
        assertFalse(tmux.hasSession("s"));  // exact names, not prefixes
        List<PaneStatus> panes = tmux.listPanes("s1");
        assertEquals(List.of(pane), panes.stream().map(PaneStatus::pane).toList());
        assertEquals("agentorchestr", panes.get(0).windowName());
        assertTrue(tmux.version().atLeast(TmuxVersion.MINIMUM));
    }

    @Test
    void everyPaneOfEverySessionIsListedWithWhereItRuns() throws IOException {
        assertTrue(tmux.listAllPanes().isEmpty(), "no server yet: no panes");
        Path sub = Files.createDirectories(dir.resolve("with\ttab"));
        PaneRef a = tmux.newSession("one", "first", sh("sleep 600"));
        PaneRef b = tmux.newSession("two", "second", new NewPane(List.of("sh", "-c", "sleep 600"), sub, Map.of()));
        List<ServerPane> panes = tmux.listAllPanes();
        assertEquals(2, panes.size(), panes.toString());
        ServerPane second = panes.stream().filter(p -> p.pane().equals(b)).findFirst().orElseThrow();
        assertEquals("two", second.session());
        assertEquals("second", second.windowName());
        assertEquals(sub.toString(), second.currentPath());
        assertTrue(second.pid() > 0);
        assertTrue(panes.stream().anyMatch(p -> p.pane().equals(a) && p.session().equals("one")));
    }

    @Test
    void theFirstPanesEnvironmentDoesNotReachLaterPanes() throws IOException {
        Path first = dir.resolve("first.env");
        Path later = dir.resolve("later.env");
        tmux.newSession("s1", "w", new NewPane(List.of("sh", "-c", "env > " + first + "; sleep 600"), dir,
                Map.of("AGENTORCHESTR_ENV_FILE", "/secret/lead.env", "ONLY_FIRST", "1")));
        tmux.splitWindow("=s1:w", new NewPane(List.of("sh", "-c", "env > " + later + "; sleep 600"), dir,
                Map.of("OWN", "2")));
        Poll.until("both panes wrote their environment", Duration.ofSeconds(10), () -> {
            try {
                return Files.exists(first) && Files.exists(later) && Files.readString(first).contains("ONLY_FIRST")
                        && Files.readString(later).contains("OWN=2");
            } catch (IOException e) {
                return false;
            }
        });
        assertTrue(Files.readString(first).contains("AGENTORCHESTR_ENV_FILE=/secret/lead.env"));
        assertTrue(Files.readString(first).contains("ONLY_FIRST=1"));
        assertFalse(Files.readString(later).contains("AGENTORCHESTR_ENV_FILE"), Files.readString(later));
        assertFalse(Files.readString(later).contains("ONLY_FIRST"), Files.readString(later));
    }

    @Test
    void aLongMultiLinePromptArrivesByteExact() throws IOException {
        String text = bigPrompt();
        byte[] expected = text.getBytes(StandardCharsets.UTF_8);
        assertTrue(expected.length >= 24 * 1024, "prompt is " + expected.length + " bytes");
        Path out = dir.resolve("received");
        Path ready = dir.resolve("ready");
        // Raw mode: the terminal passes every byte through (no line editing, no 4 KB line limit).
        PaneRef pane = tmux.newSession("paste", "w", sh("stty raw -echo; touch " + ready + "; head -c "
                + expected.length + " > " + out + "; sleep 600"));
        Poll.until("receiver ready", WAIT, () -> Files.exists(ready));
        tmux.pasteText(pane, text);
        Poll.until("all bytes received", WAIT, () -> size(out) == expected.length);
        assertArrayEquals(expected, Files.readAllBytes(out));
    }

    @Test
    void pastedTextCannotEndABracketedPasteOrTypeControlKeys() throws IOException {
        Path out = dir.resolve("received");
        Path ready = dir.resolve("ready");
        PaneRef pane = tmux.newSession("ctl", "w", sh("stty raw -echo; touch " + ready + "; head -c 9 > " + out
                + "; sleep 600"));
        Poll.until("receiver ready", WAIT, () -> Files.exists(ready));
        tmux.pasteText(pane, "ab\u001b[201~\u0003cd");
        Poll.until("bytes received", WAIT, () -> size(out) == 9);
        assertEquals("ab[201~cd", Files.readString(out));
    }

    @Test
    void pasteThenEnterReachesAProgramReadingALine() throws IOException {
        Path out = dir.resolve("line");
        PaneRef pane = tmux.newSession("read", "w", sh("read line; printf '%s' \"got:$line\" > " + out
                + "; sleep 600"));
        tmux.pasteText(pane, "hello 'world' $(date)");
        tmux.sendKeys(pane, "Enter");
        Poll.until("line read", WAIT, () -> size(out) > 0);
        assertEquals("got:hello 'world' $(date)", Files.readString(out));
    }

    @Test
    void aDeadPanesExitStatusIsReadBecauseRemainOnExitKeepsThePane() {
        Path exitFile = dir.resolve("agent.exit");
        PaneRef pane = tmux.newSession("dead", "w", new NewPane(GatedCommand.wrap(List.of("sh", "-c", "exit 7")),
                dir, Map.of(GatedCommand.EXIT_FILE_ENV, exitFile.toString())));
        tmux.setWindowOption(pane.id(), "remain-on-exit", "on");
        GatedCommand.release(tmux, pane);
        PaneStatus status = Poll.value("pane dead", WAIT,
                () -> tmux.paneStatus(pane).filter(PaneStatus::dead).orElse(null));
        assertEquals(Optional.of(7), GatedCommand.recordedExitStatus(exitFile));
        // tmux 3.3 reports the status most of the time, and never a different one.
        assertTrue(status.deadStatus() == null || status.deadStatus() == 7, String.valueOf(status.deadStatus()));
    }

    @Test
    void theGateHoldsTheCommandUntilSignalledSoPipePaneSeesTheFirstByte() throws IOException {
        Path log = dir.resolve("pane.log");
        PaneRef pane = tmux.newSession("gate", "w", new NewPane(
                GatedCommand.wrap(List.of("sh", "-c", "echo first-line; echo second-line; sleep 600")), dir,
                Map.of()));
        tmux.pipePaneTo(pane, log);
        assertFalse(tmux.capturePane(pane, 0).contains("first-line"), "started before the gate opened");
        GatedCommand.release(tmux, pane);
        Poll.until("log has output", WAIT, () -> read(log).contains("second-line"));
        assertTrue(read(log).startsWith("first-line"), "the release leaves nothing on the screen: " + read(log));
        Poll.until("screen shows output", WAIT, () -> tmux.capturePane(pane, 100).contains("second-line"));
    }

    @Test
    void linesTypedIntoAGatedPaneDoNotReleaseIt() throws IOException {
        // The agent keeps the first line it reads. Typed before the release, "early" and an empty line
        // go to the gate; had either released it, the agent would read the other one, not "after".
        Path out = dir.resolve("first-line.txt");
        PaneRef pane = tmux.newSession("typed", "w", new NewPane(GatedCommand.wrap(List.of("sh", "-c",
                "IFS= read -r line; printf '%s' \"$line\" > " + out + ".tmp; mv " + out + ".tmp " + out)), dir, Map.of()));
        tmux.sendKeys(pane, "e", "a", "r", "l", "y", "Enter", "Enter");
        GatedCommand.release(tmux, pane);
        tmux.sendKeys(pane, "a", "f", "t", "e", "r", "Enter");
        Poll.until("the agent read a line", WAIT, () -> Files.exists(out));
        assertEquals("after", Files.readString(out));
    }

    @Test
    void theGateReplacesThePromptTokenWithTheFileContentVerbatim() throws IOException {
        String prompt = "line 1 with 'single' and \"double\" quotes\n$(touch " + dir.resolve("pwned")
                + ") `uname` $HOME\ttab ☕";
        Path promptFile = dir.resolve("prompt.md");
        Files.writeString(promptFile, prompt + "\n");
        Path out = dir.resolve("argument");
        PaneRef pane = tmux.newSession("arg", "w", new NewPane(
                GatedCommand.wrap(List.of("sh", "-c", "printf '%s' \"$1\" > " + out + "; sleep 600", "sh",
                        GatedCommand.PROMPT_TOKEN)), dir,
                Map.of(GatedCommand.PROMPT_FILE_ENV, promptFile.toString())));
        GatedCommand.release(tmux, pane);
        Poll.until("argument written", WAIT, () -> size(out) > 0);
        assertEquals(prompt, Files.readString(out));
        assertFalse(Files.exists(dir.resolve("pwned")), "the prompt was evaluated by a shell");
        assertTrue(tmux.paneStatus(pane).isPresent());
    }

    @Test
    void theGateRemovesTheNamedVariablesAndThePrefixedOnesButNoOthers() throws IOException {
        // A file the prefix pattern would match as a glob: the names must not be expanded against files.
        Files.writeString(dir.resolve("CI_FILE"), "");
        Path out = dir.resolve("env.txt");
        Map<String, String> env = new java.util.HashMap<>(Map.of("CI", "true", "CI_TOKEN", "t", "CI_JOB_ID", "7", "CIRCLE", "kept", "MY_CI", "kept"));
        env.put(GatedCommand.UNSET_ENV, "CI CI_*");
        PaneRef pane = tmux.newSession("unset", "w", new NewPane(
                GatedCommand.wrap(List.of("sh", "-c", "env > " + out + ".tmp; mv " + out + ".tmp " + out
                        + "; sleep 600")), dir, env));
        GatedCommand.release(tmux, pane);
        Poll.until("environment written", WAIT, () -> Files.exists(out));
        List<String> names = Files.readAllLines(out).stream().map(l -> l.split("=", 2)[0]).toList();
        assertFalse(names.contains("CI"), names.toString());
        assertFalse(names.contains("CI_TOKEN"), names.toString());
        assertFalse(names.contains("CI_JOB_ID"), names.toString());
        assertFalse(names.contains(GatedCommand.UNSET_ENV), names.toString());
        assertTrue(names.contains("CIRCLE"), names.toString());
        assertTrue(names.contains("MY_CI"), names.toString());
    }

    @Test
    void everyArgumentAndEnvironmentValueArrivesExactlyAsGiven() throws IOException {
        String tricky = "it's \"q\" $HOME ~ \\ #{pane_id} ; \n\ttab \u001b ☕ end";
        Path out = dir.resolve("args.txt");
        PaneRef first = tmux.newSession("args", "w", sh("sleep 600"));
        // The second pane is made once the session exists: through a control connection, if any.
        tmux.splitWindow(first.id(), new NewPane(List.of("sh", "-c", "printf '%s|%s' \"$1\" \"$V\" > " + out
                + ".tmp; mv " + out + ".tmp " + out + "; sleep 600", "sh", tricky), dir, Map.of("V", tricky)));
        Poll.until("arguments written", WAIT, () -> Files.exists(out));
        assertEquals(tricky + "|" + tricky, Files.readString(out));
    }

    @Test
    void aPaneOpenedBeforeItsLaunchFileRunsWhatTheFileSaysOnceReleased() throws IOException {
        String tricky = "it's \"q\" $HOME ~ \\ #{pane_id} ; \n\ttab \u001b ☕ end";
        Path launch = dir.resolve("env/launch.env");
        Path work = dir.resolve("made later");
        Path out = work.resolve("args.txt");
        PaneRef pane = tmux.newSession("later", "w", new NewPane(GatedCommand.wrap(List.of()), dir,
                Map.of(GatedCommand.ENV_FILE_ENV, launch.toString())));
        // What it runs and where is decided after the pane opened.
        Files.createDirectories(work);
        GatedCommand.writeLaunchFile(launch, Map.of("V", tricky), work, List.of("sh", "-c",
                "printf '%s|%s|%s' \"$1\" \"$V\" \"$(pwd)\" > args.tmp; mv args.tmp args.txt; sleep 600", "sh", tricky));
        GatedCommand.release(tmux, pane);
        Poll.until("arguments written", WAIT, () -> Files.exists(out));
        assertEquals(tricky + "|" + tricky + "|" + work, Files.readString(out));
        assertEquals(0, Files.size(launch), "the launch file (it may hold secrets) is emptied once read");
        assertTrue(tmux.paneStatus(pane).isPresent());
    }

    @Test
    void aLaunchFileWhoseDirectoryIsGoneEndsWithItsOwnStatusWithoutRunningTheAgent() {
        Path launch = dir.resolve("env/gone.env");
        Path exitFile = dir.resolve("gone.exit");
        PaneRef pane = tmux.newSession("gone", "w", new NewPane(GatedCommand.wrap(List.of()), dir,
                Map.of(GatedCommand.ENV_FILE_ENV, launch.toString(),
                        GatedCommand.EXIT_FILE_ENV, exitFile.toString())));
        tmux.setWindowOption(pane.id(), "remain-on-exit", "on");
        GatedCommand.writeLaunchFile(launch, Map.of(), dir.resolve("no such dir"), List.of("touch", "ran"));
        GatedCommand.release(tmux, pane);
        Poll.until("exit recorded", WAIT, () -> GatedCommand.recordedExitStatus(exitFile).isPresent());
        assertEquals(Optional.of(GatedCommand.WORKDIR_MISSING), GatedCommand.recordedExitStatus(exitFile));
        assertFalse(Files.exists(dir.resolve("ran")));
    }

    @Test
    void thePlacerKeepsFivePanesAWindowAndSpillsIntoNumberedWindows() {
        PanePlacer placer = new PanePlacer(tmux);
        PaneRef lead = placer.openSession("tiles", sh("sleep 600"));
        List<String> added = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            added.add(placer.addPane("tiles", sh("sleep 600")).id());
        }
        // Below the lead, the workers read left to right in the order they were added.
        List<String> leftToRight = direct("list-panes", "-t", "=tiles:agentorchestr", "-F", "#{pane_left} #{pane_id}")
                .lines().filter(l -> !l.endsWith(" " + lead.id())).sorted(java.util.Comparator.comparingInt(
                        l -> Integer.parseInt(l.split(" ")[0]))).map(l -> l.split(" ")[1]).toList();
        assertEquals(added.subList(0, 4), leftToRight);
        placer.label(new PaneRef(added.get(0)), "w01 · implementer · demo");
        assertEquals("w01 · implementer · demo", direct("display-message", "-p", "-t", added.get(0),
                "#{" + PanePlacer.LABEL + "}").strip());
        assertEquals("top", direct("show-options", "-w", "-v", "-t", added.get(5), "pane-border-status").strip(),
                "the spill-over window labels its panes too");
        assertEquals("off", direct("show-options", "-g", "-w", "-v", "pane-border-status").strip(),
                "no global option changed");
        Map<String, Long> perWindow = tmux.listPanes("tiles").stream()
                .collect(Collectors.groupingBy(PaneStatus::windowName, Collectors.counting()));
        assertEquals(Map.of("agentorchestr", 5L, "agentorchestr-2", 2L), perWindow);
    }

    /** Runs tmux directly against the server under test, to see what the adapter did. */
    private String direct(String... args) {
        java.util.List<String> argv = new java.util.ArrayList<>(List.of("tmux", "-S", dir.resolve("tmux.sock").toString()));
        argv.addAll(List.of(args));
        return new io.agentorchestr.core.process.SystemProcessRunner().runChecked(
                io.agentorchestr.core.process.ProcessSpec.of(argv)).stdout();
    }

    @Test
    void aPersonsClientIsFoundSwitchedAndDetachedAndAControlClientNeverIs() {
        PaneRef home = tmux.newSession("home", "notes", sh("sleep 600"));
        tmux.newSession("away", "w", sh("sleep 600"));
        // A terminal of its own (another server) runs the person's client of the server under test.
        Path terminal = dir.resolve("terminal.sock");
        io.agentorchestr.core.process.SystemProcessRunner runner = new io.agentorchestr.core.process.SystemProcessRunner();
        runner.runChecked(io.agentorchestr.core.process.ProcessSpec.of("tmux", "-S", terminal.toString(), "-f",
                "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "env -u TMUX tmux -S "
                        + dir.resolve("tmux.sock") + " -f /dev/null attach -t home"));
        try {
            Poll.until("the person's client", WAIT, () -> tmux.userClients().size() == 1);
            TmuxClient client = tmux.userClients().get(0);
            assertEquals("home", client.session());
            assertEquals(Optional.of("home"), tmux.sessionOfPane(home.id()));
            tmux.switchClient(client.name(), "=away");
            assertEquals("away", tmux.userClients().get(0).session());
            tmux.switchClient(client.name(), client.windowId());
            assertEquals("home", tmux.userClients().get(0).session());
            tmux.switchClient(client.name(), "=away");
            tmux.detachClients("away");
            Poll.until("the client detached", WAIT, () -> tmux.userClients().isEmpty());
            assertTrue(tmux.hasSession("away"), "this adapter still reaches the server");
        } finally {
            runner.run(io.agentorchestr.core.process.ProcessSpec.of("tmux", "-S", terminal.toString(), "kill-server"));
        }
    }

    @Test
    void sessionOptionsAndKeyTablesStayWithTheSessionAndScreensKeepTheirColours() throws IOException {
        PaneRef pane = tmux.newSession("own", "w", sh("printf '\\033[31mred\\033[0m plain\\n'; sleep 600"));
        String global = direct("show-options", "-g");
        tmux.setSessionOption("own", "status-right", "mine");
        assertEquals("status-right mine", direct("show-options", "-t", "own", "status-right").strip());
        assertEquals(global, direct("show-options", "-g"), "no global option changed");
        assertTrue(tmux.rootKeys().contains("-T root"), tmux.rootKeys());
        Path keys = Files.writeString(dir.resolve("keys.conf"), "bind-key -T own-keys F9 display-message hi\n");
        tmux.sourceFile(keys);
        assertTrue(direct("list-keys", "-T", "own-keys").contains("F9"));
        tmux.dropKeyTable("own-keys");
        assertFalse(direct("list-keys").contains("own-keys"));
        Poll.until("the coloured line", WAIT, () -> tmux.capturePane(pane, 0).contains("red plain"));
        assertTrue(tmux.captureScreen(pane, 0).contains("\u001b[31mred"), tmux.captureScreen(pane, 0));
    }

    @Test
    void aSourcedFileOfManyCommandsLeavesEveryOtherCommandItsOwnAnswer() throws Exception {
        PaneRef pane = tmux.newSession("many", "w", sh("sleep 600"));
        StringBuilder conf = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            conf.append("bind-key -T many-keys F").append(i % 12 + 1).append(" display-message k").append(i).append('\n');
        }
        Path keys = Files.writeString(dir.resolve("many.conf"), conf);
        // Another thread asks about a live pane all the while: every answer must be its own.
        java.util.concurrent.atomic.AtomicReference<String> wrong = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean sourcing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread asker = new Thread(() -> {
            while (sourcing.get() && wrong.get() == null) {
                Optional<PaneStatus> status = tmux.paneStatus(pane);
                if (status.isEmpty() || status.get().dead()) {
                    wrong.set("the live pane was answered " + status);
                }
            }
        });
        asker.start();
        try {
            for (int i = 0; i < 30 && wrong.get() == null; i++) {
                tmux.sourceFile(keys);
            }
        } finally {
            sourcing.set(false);
            asker.join();
        }
        assertEquals(null, wrong.get());
        assertTrue(tmux.paneStatus(pane).isPresent());
    }

    @Test
    void aVanishedPaneHasNoStatus() {
        PaneRef first = tmux.newSession("gone", "w", sh("sleep 600"));
        PaneRef second = tmux.splitWindow(first.id(), sh("sleep 600"));
        tmux.killPane(second);
        assertEquals(Optional.empty(), tmux.paneStatus(second));
        tmux.killSession("gone");
        assertFalse(tmux.hasSession("gone"));
        assertEquals(Optional.empty(), tmux.paneStatus(first));
    }

    private static String bigPrompt() {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (b.length() < 26_000) {
            b.append("line ").append(i++).append(": 'quotes' \"double\" $(rm -rf /) `cmd` \t tab — ünïcödé ☕ €\n");
        }
        return b.toString();
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
