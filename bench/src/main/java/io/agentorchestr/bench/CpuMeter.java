package io.agentorchestr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU used between two readings, split three ways: this JVM (the orchestrator runs in-process), the
 * processes it forks (tmux clients, git: the ones still running and the ones already reaped), and the
 * tmux server (its own time; the agents in its panes are not counted).
 */
final class CpuMeter {
    /** Clock ticks per second of /proc/PID/stat times; 100 on every Linux this runs on. */
    private static final double TICK_NANOS = 1e9 / 100;

    private final long serverPid;
    private final long jvm0;
    private final long reaped0;
    private final Map<Long, Long> children0;
    private final long server0;
    private final long wall0;

    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
        this.jvm0 = jvmNanos();
        this.reaped0 = reapedChildrenTicks();
        this.children0 = liveChildrenTicks();
        this.server0 = ticks(serverPid);
        this.wall0 = System.nanoTime();
    }

    /** Percent of one core since this meter started: JVM, forked processes, tmux server, total. */
    record Split(double jvm, double forked, double server) {
        double total() {
            return jvm + forked + server;
        }

        String line() {
            return String.format("CPU %.2f%% of one core = JVM %.2f%% + tmux clients and git %.2f%% + tmux server %.2f%%",
                    total(), jvm, forked, server);
        }
    }

    Split read() {
        double wall = System.nanoTime() - wall0;
        long live = 0;
        for (Map.Entry<Long, Long> c : liveChildrenTicks().entrySet()) {
            live += c.getValue() - children0.getOrDefault(c.getKey(), 0L);
        }
        long forkedTicks = reapedChildrenTicks() - reaped0 + live;
        return new Split(100.0 * (jvmNanos() - jvm0) / wall, 100.0 * forkedTicks * TICK_NANOS / wall,
                100.0 * (ticks(serverPid) - server0) * TICK_NANOS / wall);
    }

    private static long jvmNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static Map<Long, Long> liveChildrenTicks() {
        Map<Long, Long> out = new HashMap<>();
        ProcessHandle.current().children().forEach(p -> out.put(p.pid(), ticks(p.pid())));
        return out;
    }

    /** utime + stime of the process (fields 14 and 15 of /proc/PID/stat), 0 once it is gone. */
    static long ticks(long pid) {
        String[] f = stat(pid);
        return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** cutime + cstime of this JVM: the children it has waited for. */
    private static long reapedChildrenTicks() {
        String[] f = stat(ProcessHandle.current().pid());
        return f == null ? 0 : Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** The fields after the command name (which may hold spaces), from the state on. */
    private static String[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }

    static long rssKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
    }
}
