package io.agentorchestr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run the build makes the distribution's class-data archive from ({@code lib/agentorchestr.jsa},
 * Java's {@code -XX:ArchiveClassesAtExit}): the commands people run most and wait for, in one JVM, in an
 * empty sandbox (its own HOME and XDG directories), their output dropped. The classes they load are
 * archived, so a later start maps them instead of loading and verifying them.
 */
public final class CdsTraining {
    private static final List<String[]> COMMANDS = List.of(new String[]{"--version"}, new String[]{"--help"},
            new String[]{"--list-sessions"}, new String[]{"--list-sessions", "--json"},
            new String[]{"--list-agents", "--json"}, new String[]{"--cost", "--json"});

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path sandbox = Files.createTempDirectory("agentorchestr-cds");
        try {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.remove("TMUX");
            for (String dir : List.of("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")) {
                env.put(dir, Files.createDirectories(sandbox.resolve(dir.toLowerCase())).toString());
            }
            PrintWriter dropped = new PrintWriter(Writer.nullWriter());
            for (String[] command : COMMANDS) {
                Main.run(dropped, dropped, env, command);
            }
        } finally {
            delete(sandbox);
        }
        // Threads a command left (discovery's) must not keep the JVM from exiting, where the archive is written.
        System.exit(0);
    }

    private static void delete(Path sandbox) throws IOException {
        try (Stream<Path> all = Files.walk(sandbox)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
