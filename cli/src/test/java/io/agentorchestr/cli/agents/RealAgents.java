package io.agentorchestr.cli.agents;

import io.agentorchestr.cli.Distribution;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.text.AnsiText;
import io.agentorchestr.core.model.WorkerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the real-agent ITs share: where npm put the CLIs, what a run left behind, and its logs. */
final class RealAgents {
    private RealAgents() {
    }

    /** The npm bin directory Maven installed the pinned CLIs into. */
    static Path npmBin(String binary) {
        Path bin = Path.of(System.getProperty("agentorchestr.npm.bin", "target/npm-tools/node_modules/.bin"))
                .toAbsolutePath();
        assertTrue(Files.isExecutable(bin.resolve(binary)), binary + " missing in " + bin
                + ": Maven installs the CLIs pinned in src/it/npm/package.json before the ITs");
        return bin;
    }

    /**
     * Processes still running whose command line names {@code binary} and whose environment has the
     * sandbox's HOME: what an agent started under the test and left behind (a tmux server is not one).
     */
    static List<String> leftovers(Distribution dist, String binary) {
        String home = "HOME=" + dist.home();
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = Files.readString(p.resolve("cmdline"), StandardCharsets.ISO_8859_1)
                            .replace('\0', ' ');
                    if (!cmdline.contains(binary) || cmdline.startsWith("tmux")) {
                        continue;
                    }
                    String environ = Files.readString(p.resolve("environ"), StandardCharsets.ISO_8859_1);
                    if (List.of(environ.split("\0")).contains(home)) {
                        found.add(p.getFileName() + " " + cmdline.strip());
                    }
                } catch (IOException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /** Waits up to 15 s for what {@link #leftovers} finds to be gone, and returns what is still there. */
    static List<String> leftoversAfterExit(Distribution dist, String binary) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<String> left = leftovers(dist, binary);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            ProcessHandle.of(Long.parseLong(left.get(0).split(" ")[0])).ifPresent(p -> {
                try {
                    p.onExit().get(1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    // still running: look again until the deadline
                }
            });
            left = leftovers(dist, binary);
        }
        return left;
    }

    /** The id of the sandbox's one session. */
    static String onlySession(Distribution dist) {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.recentSessions(1).get(0).id();
        }
    }

    static WorkerRecord worker(Distribution dist, String session, String id) {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.workers(session).stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow();
        }
    }

    /** Every pane log of the sandbox's sessions, ANSI stripped and cut to their last lines, for diagnostics. */
    static String paneLogs(Path sandbox) {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> logs = Files.walk(sandbox.resolve("xdg/state"))) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log") && p.getParent().endsWith("logs")).toList()) {
                String text = AnsiText.strip(Files.readString(log, StandardCharsets.UTF_8));
                out.append("--- ").append(log.getFileName()).append(" ---\n")
                        .append(text.length() > 4000 ? text.substring(text.length() - 4000) : text).append('\n');
            }
        } catch (IOException e) {
            out.append(e);
        }
        return out.toString();
    }
}
