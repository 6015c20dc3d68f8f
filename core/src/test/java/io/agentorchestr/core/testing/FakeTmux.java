package io.agentorchestr.core.testing;

import io.agentorchestr.core.tmux.NewPane;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.PaneStatus;
import io.agentorchestr.core.tmux.ServerPane;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.tmux.TmuxClient;
import io.agentorchestr.core.tmux.TmuxServer;
import io.agentorchestr.core.tmux.TmuxVersion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Panes held in memory and nothing run in them, for unit tests of the engine's logic (spawn, merge,
 * endings) that must take seconds: what was opened, typed and killed is recorded for the test to read,
 * and the test plays the agent (commits in the worktree, writes the done flag, {@link #exit}s the pane).
 * Real tmux behaviour is {@code TmuxContract}'s business, against real tmux.
 */
public final class FakeTmux implements Tmux {
    /** One pane: where it is, what it was started with, and what was typed into it. */
    public static final class Pane {
        public final PaneRef ref;
        public final String session;
        public final String windowId;
        public final String windowName;
        public final NewPane started;
        public final List<String> typed = new CopyOnWriteArrayList<>();
        volatile boolean dead;
        volatile Integer exitStatus;

        Pane(PaneRef ref, String session, String windowId, String windowName, NewPane started) {
            this.ref = ref;
            this.session = session;
            this.windowId = windowId;
            this.windowName = windowName;
            this.started = started;
        }

        PaneStatus status() {
            return new PaneStatus(ref, windowId, windowName, dead, exitStatus, dead ? 0 : 1000 + Integer.parseInt(
                    ref.id().substring(1)), dead ? "" : "sh");
        }
    }

    private final Map<String, Pane> panes = new LinkedHashMap<>();
    /** What every pane's screen shows: an agent's prompt, so a pasted prompt goes in at once. */
    private volatile String screen = "? for shortcuts\ndemo> ";
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private int nextPane;
    private int nextWindow;

    /** The pane with this id, open or killed-and-gone panes excluded. */
    public synchronized Optional<Pane> pane(String id) {
        return Optional.ofNullable(panes.get(id));
    }

    public synchronized List<Pane> panes() {
        return List.copyOf(panes.values());
    }

    /** The pane's process exits with {@code status} (the pane stays, as with remain-on-exit). */
    public void exit(String paneId, int status) {
        synchronized (this) {
            Pane p = panes.get(paneId);
            p.dead = true;
            p.exitStatus = status;
        }
        listeners.forEach(Runnable::run);
    }

    private synchronized PaneRef open(String session, String windowId, String windowName, NewPane pane) {
        PaneRef ref = new PaneRef("%" + nextPane++);
        panes.put(ref.id(), new Pane(ref, session, windowId, windowName, pane));
        return ref;
    }

    private synchronized Pane require(String target) {
        Pane p = panes.get(target);
        if (p == null) {
            throw new IllegalArgumentException("can't find pane: " + target);
        }
        return p;
    }

    @Override
    public TmuxServer server() {
        return TmuxServer.atPath(Path.of("/nonexistent/fake-tmux"), null);
    }

    @Override
    public TmuxVersion version() {
        return new TmuxVersion(3, 4, "3.4");
    }

    @Override
    public synchronized boolean hasSession(String session) {
        return panes.values().stream().anyMatch(p -> p.session.equals(session));
    }

    @Override
    public Runnable onPanesChanged(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized PaneRef newSession(String session, String window, NewPane pane) {
        if (hasSession(session)) {
            throw new IllegalArgumentException("duplicate session: " + session);
        }
        return open(session, "@" + nextWindow++, window, pane);
    }

    @Override
    public synchronized PaneRef newWindow(String session, String window, NewPane pane) {
        if (!hasSession(session)) {
            throw new IllegalArgumentException("can't find session: " + session);
        }
        return open(session, "@" + nextWindow++, window, pane);
    }

    @Override
    public synchronized PaneRef splitWindow(String windowTarget, NewPane pane) {
        Pane beside = require(windowTarget);
        return open(beside.session, beside.windowId, beside.windowName, pane);
    }

    @Override
    public synchronized void respawnPane(PaneRef target, NewPane pane) {
        Pane old = require(target.id());
        panes.put(target.id(), new Pane(target, old.session, old.windowId, old.windowName, pane));
    }

    @Override
    public void selectLayout(String windowTarget, String layout) {
    }

    @Override
    public synchronized List<PaneStatus> listPanes(String session) {
        return panes.values().stream().filter(p -> p.session.equals(session)).map(Pane::status).toList();
    }

    @Override
    public synchronized List<ServerPane> listAllPanes() {
        return panes.values().stream().map(p -> new ServerPane(p.ref, p.session, p.windowName, p.status().pid(),
                p.status().currentCommand(), String.valueOf(p.started.workDir()), p.dead)).toList();
    }

    @Override
    public synchronized Optional<PaneStatus> paneStatus(PaneRef pane) {
        return Optional.ofNullable(panes.get(pane.id())).map(Pane::status);
    }

    @Override
    public void setWindowOption(String target, String option, String value) {
        require(target);
    }

    @Override
    public void setPaneOption(String paneId, String option, String value) {
        require(paneId);
    }

    @Override
    public void pasteText(PaneRef pane, String text) {
        require(pane.id()).typed.add(text);
    }

    @Override
    public void sendKeys(PaneRef pane, String... keys) {
        require(pane.id()).typed.add(String.join(" ", keys));
    }

    @Override
    public void pipePaneTo(PaneRef pane, Path logFile) {
        require(pane.id());
    }

    @Override
    public String capturePane(PaneRef pane, int historyLines) {
        require(pane.id());
        return screen;
    }

    /** Every pane shows {@code text} from now on. */
    public void show(String text) {
        this.screen = text;
    }

    @Override
    public String captureScreen(PaneRef pane, int historyLines) {
        return capturePane(pane, historyLines);
    }

    @Override
    public void killPane(PaneRef pane) {
        synchronized (this) {
            panes.remove(pane.id());
        }
        listeners.forEach(Runnable::run);
    }

    @Override
    public void displayMessage(String session, String text, int millis) {
    }

    @Override
    public void detachClients(String session) {
    }

    @Override
    public List<TmuxClient> userClients() {
        return List.of();
    }

    @Override
    public synchronized Optional<String> sessionOfPane(String paneId) {
        return Optional.ofNullable(panes.get(paneId)).map(p -> p.session);
    }

    @Override
    public void switchClient(String client, String target) {
    }

    @Override
    public void setSessionOption(String session, String option, String value) {
    }

    @Override
    public String rootKeys() {
        return "";
    }

    @Override
    public void sourceFile(Path file) {
    }

    @Override
    public void dropKeyTable(String table) {
    }

    @Override
    public void killSession(String session) {
        synchronized (this) {
            new ArrayList<>(panes.values()).stream().filter(p -> p.session.equals(session))
                    .forEach(p -> panes.remove(p.ref.id()));
        }
        listeners.forEach(Runnable::run);
    }

    @Override
    public void killServer() {
        synchronized (this) {
            panes.clear();
        }
        listeners.forEach(Runnable::run);
    }
}
