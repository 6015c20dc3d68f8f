package io.agentorchestr.core.tmux;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessFailedException;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The real {@link Tmux}: the tmux command line, through {@link ProcessRunner}, machine-readable formats. */
public final class TmuxCli implements Tmux {
    private static final Duration STATUS_SETTLE = Duration.ofMillis(500);
    // The path last: it is the one field that may hold a tab.
    private static final String ALL_PANES_FORMAT = String.join("\t", "#{pane_id}", "#{session_name}",
            "#{window_name}", "#{pane_pid}", "#{pane_current_command}", "#{pane_dead}", "#{pane_current_path}");
    private static final String STATUS_FORMAT = String.join("\t", "#{pane_id}", "#{window_id}",
            "#{window_name}", "#{pane_dead}", "#{pane_dead_status}", "#{pane_pid}", "#{pane_current_command}");
    /** Fixed size for detached sessions, so panes are wide enough before anyone attaches. */
    private static final String WIDTH = "200";
    private static final String HEIGHT = "50";

    private final ProcessRunner runner;
    private final TmuxServer server;
    private final TmuxCommands commands;

    /** Every command as its own tmux client process. */
    public TmuxCli(ProcessRunner runner, TmuxServer server) {
        this(runner, server, new ProcessCommands(runner, server));
    }

    private TmuxCli(ProcessRunner runner, TmuxServer server, TmuxCommands commands) {
        this.runner = runner;
        this.server = server;
        this.commands = commands;
    }

    /**
     * Commands through one control-mode client, attached to the first session this adapter creates
     * (until then, and whenever it is gone, as processes). Pasted text and {@code tmux -V} stay
     * processes: load-buffer reads its stdin.
     */
    public static TmuxCli overControlMode(ProcessRunner runner, TmuxServer server) {
        ProcessCommands processes = new ProcessCommands(runner, server);
        return new TmuxCli(runner, server, new ControlCommands(server, processes));
    }

    @Override
    public TmuxServer server() {
        return server;
    }

    @Override
    public TmuxVersion version() {
        ExecResult r = runner.runChecked(ProcessSpec.of("tmux", "-V").withTimeout(ProcessCommands.TIMEOUT));
        return TmuxVersion.parse(r.stdout())
                .orElseThrow(() -> AgentorchestrException.error("cannot read the tmux version from `tmux -V`: "
                        + r.stdout().strip()));
    }

    @Override
    public boolean hasSession(String session) {
        return exec(List.of("has-session", "-t", "=" + session)).ok();
    }

    @Override
    public void connect(String session) {
        commands.sessionCreated(session);
    }

    @Override
    public PaneRef newSession(String session, String window, NewPane pane) {
        List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", session, "-n", window,
                "-x", WIDTH, "-y", HEIGHT));
        PaneRef first = createPane(args, pane);
        commands.sessionCreated(session);
        // new-session -e sets the session's environment, which every later pane inherits: the first
        // pane's variables (its secret env file, its agent's settings) must not reach the others.
        List<String> unset = new ArrayList<>();
        pane.env().keySet().stream().sorted().forEach(k -> {
            unset.addAll(List.of("set-environment", "-t", "=" + session, "-u", k, ";"));
        });
        if (!unset.isEmpty()) {
            checked(unset.subList(0, unset.size() - 1));
        }
        return first;
    }

    @Override
    public PaneRef newWindow(String session, String window, NewPane pane) {
        List<String> args = new ArrayList<>(List.of("new-window", "-d", "-t", "=" + session + ":", "-n", window));
        return createPane(args, pane);
    }

    @Override
    public PaneRef splitWindow(String windowTarget, NewPane pane) {
        List<String> args = new ArrayList<>(List.of("split-window", "-d", "-t", windowTarget));
        return createPane(args, pane);
    }

    @Override
    public void respawnPane(PaneRef target, NewPane pane) {
        List<String> args = new ArrayList<>(List.of("respawn-pane", "-k", "-t", target.id()));
        paneArgs(args, pane);
        args.addAll(pane.command());
        checked(args);
    }

    private PaneRef createPane(List<String> args, NewPane pane) {
        paneArgs(args, pane);
        args.add("-P");
        args.add("-F");
        args.add("#{pane_id}");
        // Several arguments make tmux exec the command directly instead of through `sh -c`.
        args.addAll(pane.command());
        ExecResult r = checked(args);
        String id = r.stdout().strip();
        if (!PaneRef.looksLikeId(id)) {
            // tmux exits 0 when the server it forks cannot start (its socket cannot be made, say):
            // only its stderr tells, and no pane id comes back.
            String why = r.stderrTail(3).strip();
            throw AgentorchestrException.error("tmux did not open a pane"
                    + (why.isEmpty() ? " and said nothing about why" : ": " + why)
                    + "; check that tmux can make its socket (" + server.describeCommand() + ")");
        }
        return new PaneRef(id);
    }

    private static void paneArgs(List<String> args, NewPane pane) {
        if (pane.workDir() != null) {
            args.add("-c");
            args.add(pane.workDir().toString());
        }
        pane.env().forEach((k, v) -> {
            args.add("-e");
            args.add(k + "=" + v);
        });
    }

    @Override
    public void selectLayout(String windowTarget, String layout) {
        checked(List.of("select-layout", "-t", windowTarget, layout));
    }

    @Override
    public List<PaneStatus> listPanes(String session) {
        ExecResult r = checked(List.of("list-panes", "-s", "-t", "=" + session, "-F", STATUS_FORMAT));
        // Only lines that begin with a pane id: nothing else (a notification) is taken for a pane.
        return r.stdout().lines().filter(l -> l.matches("%[0-9]+\t.*")).map(TmuxCli::parseStatus).toList();
    }

    /**
     * tmux marks a pane dead when its terminal closes, a moment before it reaps the process and
     * knows the exit status; a dead pane is reported once its status is known or after
     * {@link #STATUS_SETTLE}. (tmux 3.3 occasionally never learns it: see {@link GatedCommand}.)
     */
    @Override
    public List<ServerPane> listAllPanes() {
        ExecResult r = exec(List.of("list-panes", "-a", "-F", ALL_PANES_FORMAT));
        if (!r.ok()) {
            return List.of();  // no server: nothing runs there
        }
        return r.stdout().lines().filter(l -> l.matches("%[0-9]+\t.*")).map(TmuxCli::parseServerPane)
                .flatMap(Optional::stream).toList();
    }

    private static Optional<ServerPane> parseServerPane(String line) {
        String[] f = line.split("\t", 7);
        if (f.length < 7 || !f[3].matches("[0-9]+")) {
            return Optional.empty();
        }
        return Optional.of(new ServerPane(new PaneRef(f[0]), f[1], f[2], Long.parseLong(f[3]), f[4], f[6],
                "1".equals(f[5])));
    }

    @Override
    public Optional<PaneStatus> paneStatus(PaneRef pane) {
        long deadline = System.nanoTime() + STATUS_SETTLE.toNanos();
        Optional<PaneStatus> status = queryStatus(pane);
        while (status.isPresent() && status.get().dead() && status.get().deadStatus() == null
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            status = queryStatus(pane);
        }
        return status;
    }

    private Optional<PaneStatus> queryStatus(PaneRef pane) {
        ExecResult r = exec(List.of("display-message", "-p", "-t", pane.id(), STATUS_FORMAT));
        if (!r.ok()) {
            // The pane is gone, or the whole server: it exits with its last pane, and a client that was
            // talking to it then says "server exited unexpectedly".
            if (r.stderr().contains("can't find") || r.stderr().contains("no server running")
                    || r.stderr().contains("error connecting") || r.stderr().contains("server exited unexpectedly")) {
                return Optional.empty();
            }
            throw new ProcessFailedException(r);
        }
        // tmux 3.3 answers a target pane that no longer exists with empty fields, not an error.
        String line = r.stdout().strip();
        return line.isEmpty() || !line.startsWith("%") ? Optional.empty() : Optional.of(parseStatus(line));
    }

    static PaneStatus parseStatus(String line) {
        String[] f = line.split("\t", 7);
        Integer deadStatus = f[4].isEmpty() ? null : Integer.valueOf(f[4]);
        long pid = f[5].isEmpty() ? 0 : Long.parseLong(f[5]);
        return new PaneStatus(new PaneRef(f[0]), f[1], f[2], "1".equals(f[3]), deadStatus, pid, f[6]);
    }

    @Override
    public void setWindowOption(String target, String option, String value) {
        checked(List.of("set-option", "-w", "-t", target, option, value));
    }

    @Override
    public void pasteText(PaneRef pane, String text) {
        String buffer = "agentorchestr-" + UUID.randomUUID();
        byte[] bytes = PastedText.sanitize(text).getBytes(StandardCharsets.UTF_8);
        // load-buffer from stdin has no argument-size limit, unlike send-keys or set-buffer.
        runner.runChecked(ProcessSpec.of(ProcessCommands.argv(server, List.of("load-buffer", "-b", buffer, "-")))
                .withStdin(bytes).withTimeout(ProcessCommands.TIMEOUT));
        // -p: bracketed paste when the app asked for it; -r: keep LF; -d: delete the buffer after.
        checked(List.of("paste-buffer", "-p", "-r", "-d", "-b", buffer, "-t", pane.id()));
    }

    @Override
    public void sendKeys(PaneRef pane, String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", pane.id()));
        args.addAll(List.of(keys));
        checked(args);
    }

    @Override
    public void pipePaneTo(PaneRef pane, Path logFile) {
        String quoted = "'" + logFile.toString().replace("'", "'\\''") + "'";
        checked(List.of("pipe-pane", "-o", "-t", pane.id(), "exec cat >> " + quoted));
    }

    @Override
    public String capturePane(PaneRef pane, int historyLines) {
        return checked(List.of("capture-pane", "-p", "-J", "-t", pane.id(), "-S", "-" + historyLines)).stdout();
    }

    @Override
    public String captureScreen(PaneRef pane, int historyLines) {
        return checked(List.of("capture-pane", "-p", "-e", "-t", pane.id(), "-S", "-" + historyLines)).stdout();
    }

    @Override
    public void killPane(PaneRef pane) {
        exec(List.of("kill-pane", "-t", pane.id()));
    }

    @Override
    public void displayMessage(String session, String text, int millis) {
        // The message is a format: a literal # must be doubled.
        exec(List.of("display-message", "-t", "=" + session + ":", "-d", String.valueOf(millis),
                text.replace("#", "##")));
    }

    @Override
    public void detachClients(String session) {
        // detach-client -s would take the control-mode connection too: one person's client at a time.
        userClients().stream().filter(c -> c.session().equals(session))
                .forEach(c -> exec(List.of("detach-client", "-t", c.name())));
    }

    @Override
    public List<TmuxClient> userClients() {
        ExecResult r = exec(List.of("list-clients", "-F", "#{client_name}\t#{client_control_mode}\t#{client_flags}\t"
                + "#{session_name}\t#{window_id}\t#{client_activity}\t#{client_tty}"));
        if (!r.ok()) {
            return List.of();  // no server, or no client
        }
        List<TmuxClient> clients = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 7 || f[1].equals("1") || f[2].contains("control-mode")) {
                continue;
            }
            clients.add(new TmuxClient(f[0], f[3], f[4], parseLong(f[5]), f[6].isEmpty() ? null : f[6]));
        }
        return clients;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Optional<String> sessionOfPane(String paneId) {
        ExecResult r = exec(List.of("display-message", "-p", "-t", paneId, "#{session_name}"));
        return r.ok() && !r.stdout().isBlank() ? Optional.of(r.stdout().strip()) : Optional.empty();
    }

    @Override
    public void switchClient(String client, String target) {
        checked(List.of("switch-client", "-c", client, "-t", target));
    }

    @Override
    public void setPaneOption(String paneId, String option, String value) {
        checked(List.of("set-option", "-p", "-t", paneId, option, value));
    }

    @Override
    public void setSessionOption(String session, String option, String value) {
        // set-option takes a pane target: "=name:" is the session (exactly that name), its current window.
        checked(List.of("set-option", "-t", "=" + session + ":", option, value));
    }

    @Override
    public String rootKeys() {
        return checked(List.of("list-keys", "-T", "root")).stdout();
    }

    @Override
    public void sourceFile(Path file) {
        checked(List.of("source-file", file.toString()));
    }

    @Override
    public void dropKeyTable(String table) {
        exec(List.of("unbind-key", "-a", "-T", table));
    }

    @Override
    public void killSession(String session) {
        exec(List.of("kill-session", "-t", "=" + session));
    }

    @Override
    public void killServer() {
        exec(List.of("kill-server"));
    }

    @Override
    public Runnable onPanesChanged(Runnable listener) {
        return commands.onPanesChanged(listener);
    }

    /** Closes the control-mode client, if there is one. */
    public void close() {
        commands.close();
    }

    private ExecResult exec(List<String> args) {
        return commands.run(args);
    }

    private ExecResult checked(List<String> args) {
        ExecResult r = commands.run(args);
        if (!r.ok()) {
            throw new ProcessFailedException(r);
        }
        return r;
    }
}
