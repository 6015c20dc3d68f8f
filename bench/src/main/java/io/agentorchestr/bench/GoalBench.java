package io.agentorchestr.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A whole demo goal run as a user runs it (the distribution's launcher, --no-attach, a private tmux
 * and state), sampled twice a second from /proc: how many agent processes of the session are alive
 * at once, and the peak RSS of the orchestrator alone and of it with all of them. Optionally a verify
 * command prints that many MB, to see what its output costs the orchestrator.
 */
public final class GoalBench {
    private GoalBench() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int maxWorkers = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int verifyMb = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Path dir = Files.createTempDirectory("agentorchestr-goal-bench");
        Path repo = Files.createDirectories(dir.resolve("project"));
        git(repo, "init", "-q");
        if (verifyMb > 0) {
            Files.createDirectories(repo.resolve(".agentorchestr"));
            Files.writeString(repo.resolve(".agentorchestr/config.toml"), "[verify]\ncommands = [\"head -c "
                    + verifyMb + "000000 /dev/zero | tr '\\\\0' x; echo\"]\n");
        }
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-q",
                "--allow-empty", "-m", "start");
        StringBuilder goal = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            goal.append("Write note ").append(i).append('\n');
        }
        Path goalFile = Files.writeString(dir.resolve("goal.md"), goal);
        Path dist = Path.of(System.getProperty("agentorchestr.dist"));
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/agentorchestr").toString(), "--goal-file",
                goalFile.toString(), "--agents", "demo", "--max-workers", String.valueOf(maxWorkers), "--no-attach",
                "--json", "--project", repo.toString())
                .redirectOutput(dir.resolve("out.json").toFile()).redirectError(dir.resolve("err.log").toFile());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("TMUX_TMPDIR", dir.toString());
        pb.environment().remove("TMUX");
        long start = System.nanoTime();
        Process run = pb.start();
        int maxAgents = 0;
        long maxOwnKb = 0;
        long maxAllKb = 0;
        while (run.isAlive()) {
            List<Long> agents = agentsOf(run.pid(), dir);
            long own = rssKb(run.pid());
            long all = own + agents.stream().mapToLong(GoalBench::rssKb).sum();
            maxAgents = Math.max(maxAgents, agents.size());
            maxOwnKb = Math.max(maxOwnKb, own);
            maxAllKb = Math.max(maxAllKb, all);
            Thread.sleep(500);
        }
        // The session's panes stay for inspection, as for a user: the bench's own tmux server goes.
        new ProcessBuilder("tmux", "-S", dir.resolve("tmux-" + uid() + "/default").toString(), "kill-server")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        String out = Files.readString(dir.resolve("out.json"));
        System.out.printf("%d-line demo goal, --max-workers %d%s: exit %d in %d s; at most %d live agent processes "
                        + "(lead included); peak RSS %d MB orchestrator, %d MB with its agents%n", lines, maxWorkers,
                verifyMb > 0 ? ", verify printing " + verifyMb + " MB" : "", run.exitValue(),
                (System.nanoTime() - start) / 1_000_000_000L, maxAgents, maxOwnKb / 1024, maxAllKb / 1024);
        System.out.println(out.contains("\"state\" : \"done\"") ? "goal done" : "goal not done; see " + dir);
    }

    /**
     * Demo agent processes of this run: a session id in their environment and this run's directory in
     * it too (other sessions' agents on the machine do not count), not the orchestrator.
     */
    private static List<Long> agentsOf(long orchestrator, Path dir) throws IOException {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                String env = BenchRun.environ(pid);
                if (pid != orchestrator && env.contains("AGENTORCHESTR_SESSION_ID=") && env.contains(dir.toString())
                        && BenchRun.cmdline(pid).startsWith("agentorchestr-demo")) {
                    out.add(pid);
                }
            }
        }
        return out;
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst()
                    .orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String uid() throws IOException {
        return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("git", "-C", repo.toString()));
        argv.addAll(List.of(args));
        new ProcessBuilder(argv).inheritIO().start().waitFor();
    }
}
