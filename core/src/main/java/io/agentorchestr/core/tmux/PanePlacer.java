package io.agentorchestr.core.tmux;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places agent panes in a session: at most {@value #MAX_PANES_PER_WINDOW} panes a window; when the
 * windows are full the next pane opens window {@code agentorchestr-2}, then {@code -3}, and so on.
 * The first window keeps its first pane (the lead) large with the main-horizontal layout.
 */
public final class PanePlacer {
    public static final int MAX_PANES_PER_WINDOW = 5;
    public static final String FIRST_WINDOW = "agentorchestr";

    private final Tmux tmux;

    public PanePlacer(Tmux tmux) {
        this.tmux = tmux;
    }

    /** Opens the session with its first pane in window {@value #FIRST_WINDOW}. */
    public PaneRef openSession(String session, NewPane pane) {
        return tmux.newSession(session, FIRST_WINDOW, pane);
    }

    /** Adds a pane to the first window with room, or to a new spill-over window. */
    public PaneRef addPane(String session, NewPane pane) {
        Map<String, WindowFill> windows = new LinkedHashMap<>();
        for (PaneStatus p : tmux.listPanes(session)) {
            windows.computeIfAbsent(p.windowId(), id -> new WindowFill(id, p.windowName())).count++;
        }
        for (WindowFill w : windows.values()) {
            if (w.count < MAX_PANES_PER_WINDOW) {
                PaneRef added = tmux.splitWindow(w.id, pane);
                tmux.selectLayout(w.id, FIRST_WINDOW.equals(w.name) ? "main-horizontal" : "tiled");
                return added;
            }
        }
        return tmux.newWindow(session, nextWindowName(windows.values().stream().map(w -> w.name).toList()), pane);
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

        WindowFill(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }
}
