package io.agentorchestr.cli;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.util.Map;

/**
 * How wide a listing may be: {@code $COLUMNS} when set, the terminal's width when stdout is one, and
 * no limit when it is piped (a script or {@code less -S} gets whole lines, as from {@code ps}).
 */
public final class TerminalWidth {
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private TerminalWidth() {
    }

    public static int of(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null && columns.strip().matches("\\d{1,4}") && Integer.parseInt(columns.strip()) > 0) {
            return Integer.parseInt(columns.strip());
        }
        if (System.console() == null) {
            return UNLIMITED;
        }
        try (Terminal t = TerminalBuilder.builder().system(true).dumb(true).build()) {
            return t.getWidth() > 0 ? t.getWidth() : UNLIMITED;
        } catch (IOException | RuntimeException e) {
            return UNLIMITED;
        }
    }
}
