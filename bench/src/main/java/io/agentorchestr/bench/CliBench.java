package io.agentorchestr.bench;

import io.agentorchestr.core.store.SqliteStateStore;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI's answer time as a user meets it: whole processes of the distribution's launcher, each run
 * {@code runs} times after two warm-ups, with a store of 10,000 sessions: {@code --version},
 * {@code --list-sessions} (plain and {@code --json}), {@code --list-agents}. Each is measured with the
 * distribution's class-data archive and without it ({@code AGENTORCHESTR_CDS=off}: the "before"), beside
 * the floor: a JVM that starts, prints a line and exits with the same flags.
 *
 * <p>Usage: {@code bench/run cli [runs]}.
 */
public final class CliBench {
    private CliBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path dist = Path.of(System.getProperty("agentorchestr.dist"));
        Path dir = Files.createTempDirectory("agentorchestr-cli-bench");
        Path db = dir.resolve("data/agentorchestr/state.db");
        Files.createDirectories(db.getParent());
        SqliteStateStore.open(db).close();
        StoredSessions.fill(db, 10_000, "last0001");
        Map<String, String> env = sandbox(dir);
        String launcher = dist.resolve("bin/agentorchestr").toString();
        System.out.println("cli bench: " + runs + " runs each, whole processes, 10,000 sessions in the store ("
                + Runtime.version() + "; archive " + (Files.isRegularFile(dist.resolve("lib/agentorchestr.jsa"))
                ? "present" : "MISSING: built with the distribution") + ")");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path floorClass = Path.of(CliBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        time("floor: a JVM that prints a line (same flags)", runs, env, java, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", floorClass.toString(), Floor.class.getName());
        for (String[] command : List.of(new String[]{"--version"}, new String[]{"--list-sessions"},
                new String[]{"--list-sessions", "--json"}, new String[]{"--list-agents"})) {
            for (boolean archive : new boolean[]{false, true}) {
                Map<String, String> e = new HashMap<>(env);
                if (!archive) {
                    e.put("AGENTORCHESTR_CDS", "off");
                }
                List<String> argv = new ArrayList<>(List.of(launcher));
                argv.addAll(List.of(command));
                time(String.join(" ", command) + (archive ? " (archive)" : " (before: no archive)"), runs, e,
                        argv.toArray(String[]::new));
            }
        }
    }

    /** A user's environment whose HOME and XDG directories are under {@code dir} (data: its store). */
    static Map<String, String> sandbox(Path dir) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_DATA_HOME", dir.resolve("data").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.remove("TMUX");
        return env;
    }

    /** Whole processes of {@code argv}, two warm-ups then {@code runs} timed; prints the line. */
    static void time(String name, int runs, Map<String, String> env, String... argv) throws Exception {
        Samples samples = new Samples(name);
        for (int i = 0; i < runs + 2; i++) {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(new File("/dev/null"));
            pb.environment().clear();
            pb.environment().putAll(env);
            long t = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(name + ": still running after 60 s");
            }
            long took = System.nanoTime() - t;
            if (p.exitValue() != 0) {
                throw new IllegalStateException(name + ": exit " + p.exitValue());
            }
            if (i >= 2) {
                samples.add(took);
            }
        }
        System.out.println(samples.line());
    }

    /** The floor: a JVM's start and exit, nothing of ours. */
    public static final class Floor {
        public static void main(String[] args) {
            System.out.println("floor");
        }
    }
}
