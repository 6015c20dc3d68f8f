package io.agentorchestr.core.tmux;

import io.agentorchestr.core.config.PrivateFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a session's panes are arranged: the lead large on top with the workers below
 * ({@code main-horizontal}, the default), the lead on the left ({@code main-vertical}), every pane the
 * same size ({@code tiled}), or a window per agent ({@code windows}); and how many panes a window
 * holds before the next opens one of its own.
 */
public record PaneLayout(Kind kind, int perWindow) {
    public static final int DEFAULT_PER_WINDOW = 5;
    /** More panes than this in one window leaves none of them room to read. */
    public static final int MAX_PER_WINDOW = 16;
    public static final PaneLayout DEFAULT = new PaneLayout(Kind.MAIN_HORIZONTAL, DEFAULT_PER_WINDOW);
    private static final String FILE = "layout";

    public enum Kind {
        MAIN_HORIZONTAL, MAIN_VERTICAL, TILED, WINDOWS;

        /** The name users type and tmux's select-layout knows ("main-vertical"); "windows" is ours. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown layout '" + text + "'; use one of "
                    + Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", ")));
        }
    }

    public PaneLayout {
        if (perWindow < 1 || perWindow > MAX_PER_WINDOW) {
            throw new IllegalArgumentException("panes per window must be from 1 to " + MAX_PER_WINDOW + ", not "
                    + perWindow);
        }
    }

    /** How many panes a window takes: one in the windows layout. */
    int capacity() {
        return kind == Kind.WINDOWS ? 1 : perWindow;
    }

    /** The tmux layout of a window: the first (the lead's) as chosen, the ones it spills into tiled. */
    String tmuxLayout(boolean leadsWindow) {
        return leadsWindow && (kind == Kind.MAIN_HORIZONTAL || kind == Kind.MAIN_VERTICAL) ? kind.label() : "tiled";
    }

    /** As it is stored and shown: "main-horizontal 5". */
    @Override
    public String toString() {
        return kind.label() + " " + perWindow;
    }

    /** The stored form back ({@link #toString}). */
    /** How a session's panes are arranged, kept in its directory for its resume (a new tmux session too). */
    public void save(Path sessionDir) {
        PrivateFile.write(sessionDir.resolve(FILE), "the pane layout", this + "\n");
    }

    /** The layout kept in {@code sessionDir}, or the default when there is none (a manual task, an older session). */
    public static PaneLayout load(Path sessionDir) {
        try {
            return parse(Files.readString(sessionDir.resolve(FILE), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return DEFAULT;
        }
    }

    public static PaneLayout parse(String stored) {
        String[] parts = stored.strip().split("\\s+");
        return new PaneLayout(Kind.parse(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : DEFAULT_PER_WINDOW);
    }
}
