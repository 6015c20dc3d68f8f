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
        args.addAll(pane.tmuxArgs(List.of()));
        checked(args);
    }

    private PaneRef createPane(List<String> args, NewPane pane) {
        // -P -F: print the new pane's id; several arguments make tmux exec the command, not `sh -c` it.
        args.addAll(pane.tmuxArgs(List.of("-P", "-F", "#{pane_id}")));
        return TmuxFormats.newPaneId(checked(args), server);
    }

    @Override
    public void selectLayout(String windowTarget, String layout) {
        checked(List.of("select-layout", "-t", windowTarget, layout));
    }

    @Override
    public List<PaneStatus> listPanes(String session) {
        ExecResult r = checked(List.of("list-panes", "-s", "-t", "=" + session, "-F", TmuxFormats.STATUS));
        // Only lines that begin with a pane id: nothing else (a notification) is taken for a pane.
        return r.stdout().lines().filter(l -> l.matches("%[0-9]+\t.*")).map(TmuxFormats::status).toList();
    }

    /**
     * tmux marks a pane dead when its terminal closes, a moment before it reaps the process and
     * knows the exit status; a dead pane is reported once its status is known or after
     * {@link #STATUS_SETTLE}. (tmux 3.3 occasionally never learns it: see {@link GatedCommand}.)
     */
    @Override
    public List<ServerPane> listAllPanes() {
        ExecResult r = exec(List.of("list-panes", "-a", "-F", TmuxFormats.ALL_PANES));
        if (!r.ok()) {
            return List.of();  // no server: nothing runs there
        }
        return r.stdout().lines().filter(l -> l.matches("%[0-9]+\t.*")).map(TmuxFormats::serverPane)
                .flatMap(Optional::stream).toList();
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
        return TmuxFormats.statusAnswer(exec(List.of("display-message", "-p", "-t", pane.id(), TmuxFormats.STATUS)));
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
        ExecResult r = exec(List.of("list-clients", "-F", TmuxFormats.CLIENTS));
        if (!r.ok()) {
            return List.of();  // no server, or no client
        }
        return TmuxFormats.userClients(r.stdout());
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
