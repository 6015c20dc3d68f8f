package io.agentorchestr.cli.command;

import io.agentorchestr.core.text.TerminalText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * A running goal's progress lines. Once the session exists each goes to its progress log and its
 * status line; to the terminal only while no tmux client owns it: text written under an attached
 * client lands across its screen.
 */
final class ProgressLines implements Consumer<String> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Consumer<String> terminal;
    private volatile boolean terminalOwned;
    private volatile Path log;
    private volatile Consumer<String> status = line -> { };

    ProgressLines(Consumer<String> terminal) {
        this.terminal = terminal;
    }

    /** From now on every line is also appended to {@code log} and shown by {@code status}. */
    void into(Path log, Consumer<String> status) {
        this.log = log;
        this.status = status;
    }

    /** Whether a tmux client has this terminal now (attach-session runs in it). */
    void terminalOwned(boolean owned) {
        this.terminalOwned = owned;
    }

    Path log() {
        return log;
    }

    @Override
    public synchronized void accept(String line) {
        Path file = log;
        if (file != null) {
            try {
                Files.writeString(file, LocalTime.now().format(TIME) + " " + TerminalText.safe(line) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                // the log is a convenience: the terminal and the event log still have the line
            }
            try {
                status.accept(line);
            } catch (RuntimeException e) {
                // the session may be going away: its status line with it
            }
        }
        if (!terminalOwned) {
            terminal.accept(line);
        }
    }
}
