package io.agentorchestr.core.discovery;

import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.process.ProcessTable;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which known agent, if any, runs in a process tree. A process is an agent when its {@code argv[0]}
 * is one of the profile's binaries (Claude Code renames itself so, a launcher's {@code exec -a} does),
 * or when it is an interpreter running the script an agent's binary on PATH resolves to (npm installs
 * {@code codex} as a link to a {@code .js} file that node runs; a shell script runs as {@code bash FILE}).
 */
public final class AgentMatcher {
    /** Programs that run an agent's script given as their first argument (shells too: a script launcher). */
    private static final Set<String> INTERPRETERS = Set.of("node", "nodejs", "bun", "deno", "python", "python3",
            "sh", "bash", "dash", "zsh");

    private final List<AgentProfile> profiles;
    private final ProcessTable processes;
    private final Map<Path, String> scripts = new HashMap<>();

    /** A process that runs {@code profile}. */
    public record Match(AgentProfile profile, long pid, List<String> argv) {
    }

    public AgentMatcher(List<AgentProfile> profiles, ProcessTable processes, String path) {
        this.profiles = List.copyOf(profiles);
        this.processes = processes;
        for (AgentProfile p : profiles) {
            for (String binary : p.binaries()) {
                onPath(binary, path).ifPresent(script -> scripts.putIfAbsent(script, p.key()));
            }
        }
    }

    /** The first agent found: {@code pid} itself, then its descendants (a pane's shell runs the agent). */
    public Optional<Match> match(long pid) {
        List<Long> tree = new ArrayList<>();
        tree.add(pid);
        tree.addAll(processes.descendants(pid));
        for (long p : tree) {
            List<String> argv = processes.commandLine(p);
            Optional<AgentProfile> profile = profileOf(argv);
            if (profile.isPresent()) {
                return Optional.of(new Match(profile.get(), p, argv));
            }
        }
        return Optional.empty();
    }

    Optional<AgentProfile> profileOf(List<String> argv) {
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        String first = baseName(argv.get(0));
        for (AgentProfile p : profiles) {
            if (p.binaries().contains(first)) {
                return Optional.of(p);
            }
        }
        if (INTERPRETERS.contains(first.replaceAll("[0-9.]+$", "")) || first.startsWith("python")) {
            return argv.stream().skip(1).filter(a -> !a.startsWith("-")).findFirst().flatMap(this::scriptProfile);
        }
        return Optional.empty();
    }

    private Optional<AgentProfile> scriptProfile(String script) {
        try {
            String key = scripts.get(Path.of(script).toRealPath());
            return profiles.stream().filter(p -> p.key().equals(key)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath(String binary, String path) {
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, binary);
            if (Files.isExecutable(p)) {
                try {
                    return Optional.of(p.toRealPath());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String baseName(String arg) {
        int slash = arg.lastIndexOf('/');
        return slash >= 0 ? arg.substring(slash + 1) : arg;
    }
}
