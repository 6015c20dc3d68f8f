package io.agentorchestr.core.tmux;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Port to one tmux server. Panes are addressed by id; sessions and windows by exact name. Text is
 * delivered by paste (never send-keys of raw text), output is captured by pipe-pane into a file.
 */
public interface Tmux {

    TmuxServer server();

    /** The server binary's version ({@code tmux -V}). */
    TmuxVersion version();

    boolean hasSession(String session);

    /**
     * This process drives {@code session}, which already exists (a resumed run): an adapter may keep
     * a connection to it, as it does to a session it creates.
     */
    default void connect(String session) {
    }

    /**
     * Calls {@code listener} when tmux says a pane or window may have closed, or the session or server
     * went (on a reader thread: it must only wake someone). An adapter without such notifications
     * never calls it, and tmux 3.3 has none for a pane's process exiting: callers still look now and
     * then. Returns the way to stop listening.
     */
    default Runnable onPanesChanged(Runnable listener) {
        return () -> { };
    }

    /** Creates a detached session whose first window is named {@code window}; returns its first pane. */
    PaneRef newSession(String session, String window, NewPane pane);

    /** Adds a detached window to {@code session}; returns its pane. */
    PaneRef newWindow(String session, String window, NewPane pane);

    /** Splits the window holding {@code target}, without changing the active pane; returns the new pane. */
    PaneRef splitWindow(String windowTarget, NewPane pane);

    /** Replaces whatever runs in {@code target} (alive or dead) with a new command; the pane keeps its id. */
    void respawnPane(PaneRef target, NewPane pane);

    /** Arranges the panes of a window with one of tmux's layouts ("main-horizontal", "tiled"). */
    void selectLayout(String windowTarget, String layout);

    /** Every pane of a session, across its windows. */
    List<PaneStatus> listPanes(String session);

    /** Every pane of every session on the server; empty when no server runs. */
    List<ServerPane> listAllPanes();

    /** The status of one pane; empty when the pane no longer exists. */
    Optional<PaneStatus> paneStatus(PaneRef pane);

    /** Sets a window option on the window holding {@code target} (e.g. remain-on-exit). */
    void setWindowOption(String target, String option, String value);

    /** Sets an option of one pane (a user option such as {@code @label} included). */
    void setPaneOption(String paneId, String option, String value);

    /** Delivers text whole via a named paste buffer and bracketed paste; does not press Enter. */
    void pasteText(PaneRef pane, String text);

    /** Presses named keys ("Enter", "C-c"); never used for text. */
    void sendKeys(PaneRef pane, String... keys);

    /** Appends everything the pane prints from now on to {@code logFile}. */
    void pipePaneTo(PaneRef pane, Path logFile);

    /** The rendered screen plus {@code historyLines} of scrollback, wrapped lines joined. */
    String capturePane(PaneRef pane, int historyLines);

    /**
     * The pane's screen and {@code historyLines} lines above it, as a terminal shows them: escape
     * sequences for colours and attributes kept.
     */
    String captureScreen(PaneRef pane, int historyLines);

    void killPane(PaneRef pane);

    /** Shows {@code text} in the status line of clients attached to {@code session} for {@code millis}. */
    void displayMessage(String session, String text, int millis);

    /**
     * Detaches every client a person has attached to {@code session} (they return to their shells);
     * control-mode clients, such as this adapter's own connection, stay.
     */
    void detachClients(String session);

    /** The clients people use on this server, with what each shows; control-mode clients are left out. */
    List<TmuxClient> userClients();

    /** The session holding the pane with this id (as {@code $TMUX_PANE} names it); empty if none. */
    Optional<String> sessionOfPane(String paneId);

    /** Makes {@code client} show {@code target} (a session {@code =name}, or a window id). */
    void switchClient(String client, String target);

    /** Sets an option of {@code session} alone; the server's global options are never touched. */
    void setSessionOption(String session, String option, String value);

    /** The root key table as {@code list-keys} prints it: lines tmux can read back with source-file. */
    String rootKeys();

    /** Runs the tmux commands in {@code file}, as a configuration file is read. */
    void sourceFile(Path file);

    /** Removes every binding of {@code table}. */
    void dropKeyTable(String table);

    void killSession(String session);

    /** Stops the whole server (tests use it on their private server). */
    void killServer();
}
