package io.agentorchestr.core.tmux;

import io.agentorchestr.core.process.ProcessFailedException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places agent panes in a session by its {@link PaneLayout}: at most its panes-per-window in a window;
 * when the windows are full the next pane opens window {@code agentorchestr-2}, then {@code -3}, and
 * so on. The first window keeps its first pane (the lead) large in the main layouts.
 */
public final class PanePlacer {
    public static final String FIRST_WINDOW = "agentorchestr";

    private final Tmux tmux;
    private final PaneLayout layout;

    public PanePlacer(Tmux tmux, PaneLayout layout) {
        this.tmux = tmux;
        this.layout = layout;
    }

    /** For labels only (no pane is placed). */
    public PanePlacer(Tmux tmux) {
        this(tmux, PaneLayout.DEFAULT);
    }

    /**
     * The pane option holding who works in a pane ("w01 · implementer · demo"), shown on its border. A
     * user option, not the pane title: agents set their terminal's title with escape sequences.
     */
    public static final String LABEL = "@agentorchestr";
    /** The pane option holding the tmux style of its label ({@code fg=black,bg=yellow}), set per worker state. */
    public static final String STYLE = "@agentorchestr_style";
    /** The lead's share of its window in the main layouts. */
    private static final String MAIN_SHARE = "50%";
    /** What tmux says when a pane is too small to split. */
    private static final String NO_SPACE = "no space for new pane";

    /** Opens the session with its first pane in window {@value #FIRST_WINDOW}. */
    public PaneRef openSession(String session, NewPane pane) {
        PaneRef first = tmux.newSession(session, FIRST_WINDOW, pane);
        borders(first);
        // tmux's default main pane is 24 lines / 80 columns whatever the terminal: attached from a
        // 24-line terminal the lead took it all and the next worker had "no space for new pane".
        tmux.setWindowOption(first.id(), "main-pane-height", MAIN_SHARE);
        tmux.setWindowOption(first.id(), "main-pane-width", MAIN_SHARE);
        return first;
    }

    /** Shows {@code text} on the pane's border. */
    public void label(PaneRef pane, String text) {
        tmux.setPaneOption(pane.id(), LABEL, text);
    }

    /** The window of {@code pane} shows each pane's label on its top border (window options: this window only). */
    private void borders(PaneRef pane) {
        tmux.setWindowOption(pane.id(), "pane-border-status", "top");
        // The style comes from a pane option the team view sets per state (none yet: the window's own).
        tmux.setWindowOption(pane.id(), "pane-border-format", "#[#{" + STYLE + "}] #{?" + LABEL + ",#{" + LABEL
                + "},#{pane_title}} #[default]");
    }

    /** Adds a pane to the first window with room, or to a new spill-over window. */
    public PaneRef addPane(String session, NewPane pane) {
        Map<String, WindowFill> windows = new LinkedHashMap<>();
        for (PaneStatus p : tmux.listPanes(session)) {
            WindowFill w = windows.computeIfAbsent(p.windowId(), id -> new WindowFill(id, p.windowName()));
            w.count++;
            w.last = p.pane().id();  // panes are listed in their window's order
        }
        for (WindowFill w : windows.values()) {
            if (w.count < layout.capacity()) {
                // Split the last pane, not the active one (the lead): each new worker goes after the
                // others, so they read w01 | w02 | w03 in id order, not newest first.
                Optional<PaneRef> added = split(w, pane);
                if (added.isPresent()) {
                    return added.get();
                }
            }
        }
        PaneRef spilled = tmux.newWindow(session, nextWindowName(windows.values().stream().map(w -> w.name).toList()),
                pane);
        borders(spilled);
        return spilled;
    }

    /**
     * Empty when the window has no room left in cells, whatever its pane count (a small terminal
     * attached): the pane then opens the next window instead of failing the worker's start.
     */
    private Optional<PaneRef> split(WindowFill w, NewPane pane) {
        PaneRef added;
        try {
            added = tmux.splitWindow(w.last, pane);
        } catch (ProcessFailedException e) {
            if (e.getMessage() != null && e.getMessage().contains(NO_SPACE)) {
                return Optional.empty();
            }
            throw e;
        }
        tmux.selectLayout(w.id, layout.tmuxLayout(FIRST_WINDOW.equals(w.name)));
        return Optional.of(added);
    }

    static String nextWindowName(List<String> existing) {
        int n = 2;
        while (existing.contains(FIRST_WINDOW + "-" + n)) {
            n++;
        }
        return FIRST_WINDOW + "-" + n;
    }

    private static final class WindowFill {
        final String id;
        final String name;
        int count;
        String last;

        WindowFill(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }
}
