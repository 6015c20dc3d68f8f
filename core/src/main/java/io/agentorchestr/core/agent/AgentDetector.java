package io.agentorchestr.core.agent;

import io.agentorchestr.core.process.CommandNotFoundException;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Finds installed agents on PATH (plus the distribution's own bin directory, where the demo agent
 * lives) and runs their version probes in parallel, each with a short timeout, so one slow CLI
 * cannot hold up the rest. Only commands that need agents call it.
 */
public final class AgentDetector {
    /**
     * Node-based CLIs (Claude Code, Gemini CLI) take seconds to print their version on a busy machine:
     * 5 s lost a version in a loaded CI run. Probes run in parallel, so only a hung CLI waits this long.
     */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    private final ProcessRunner runner;
    private final List<Path> searchPath;

    public AgentDetector(ProcessRunner runner, List<Path> searchPath) {
        this.runner = runner;
        this.searchPath = List.copyOf(searchPath);
    }

    /** The directories of a PATH string followed by {@code extra}. */
    public static List<Path> searchPath(String pathVariable, List<Path> extra) {
        List<Path> dirs = new ArrayList<>();
        if (pathVariable != null) {
            for (String part : pathVariable.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part));
                }
            }
        }
        dirs.addAll(extra);
        return dirs;
    }

    /** The first executable named by the profile, without running anything. */
    public Optional<Path> locate(AgentProfile profile) {
        for (String binary : profile.binaries()) {
            if (binary.contains("/")) {
                Path p = Path.of(binary);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
                continue;
            }
            for (Path dir : searchPath) {
                Path candidate = dir.resolve(binary);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Locates and probes every profile, in parallel; results keep the profiles' order. */
    public List<DetectedAgent> detect(Collection<AgentProfile> profiles) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(profiles.size(), 8)), r -> {
            Thread t = new Thread(r, "agent-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<DetectedAgent>> futures = profiles.stream()
                    .map(p -> CompletableFuture.supplyAsync(() -> probe(p), pool)).toList();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    public DetectedAgent probe(AgentProfile profile) {
        Optional<Path> binary = locate(profile);
        if (binary.isEmpty()) {
            return new DetectedAgent(profile, null, "", null);
        }
        if (profile.versionArgs().isEmpty()) {
            return new DetectedAgent(profile, binary.get(), "", null);
        }
        List<String> argv = new ArrayList<>();
        argv.add(binary.get().toString());
        argv.addAll(profile.versionArgs());
        try {
            ExecResult r = runner.run(ProcessSpec.of(argv).withTimeout(PROBE_TIMEOUT));
            String firstLine = (r.stdout().isBlank() ? r.stderr() : r.stdout()).strip().lines().findFirst().orElse("");
            if (r.timedOut()) {
                return new DetectedAgent(profile, binary.get(), "", "version probe timed out after "
                        + PROBE_TIMEOUT.toSeconds() + " s");
            }
            return new DetectedAgent(profile, binary.get(), firstLine,
                    r.exitCode() == 0 ? null : "version probe exited with status " + r.exitCode());
        } catch (CommandNotFoundException e) {
            return new DetectedAgent(profile, binary.get(), "", "cannot execute " + binary.get());
        }
    }
}
