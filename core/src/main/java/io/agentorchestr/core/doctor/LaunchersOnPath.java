package io.agentorchestr.core.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether the distribution's three commands are reachable from a shell. They work as a set: the README's
 * shim examples run {@code agentorchestr-shim agentorchestr-demo ...}, so linking only
 * {@code agentorchestr} leaves the other two exiting 127.
 */
final class LaunchersOnPath {
    static final List<String> COMMANDS = List.of("agentorchestr", "agentorchestr-shim", "agentorchestr-demo");

    private LaunchersOnPath() {
    }

    /**
     * @param searchPath the directories of {@code $PATH}, in order
     * @param distBin    the distribution's {@code bin/}, when known: the fix links from there
     */
    static CheckResult check(List<Path> searchPath, Optional<Path> distBin) {
        List<String> missing = COMMANDS.stream().filter(c -> searchPath.stream()
                .noneMatch(d -> Files.isExecutable(d.resolve(c)))).toList();
        if (missing.isEmpty()) {
            return CheckResult.pass("commands", String.join(", ", COMMANDS) + " on PATH");
        }
        String bin = distBin.map(Path::toString).orElse("<distribution>/bin");
        return CheckResult.warn("commands", "not on PATH: " + String.join(", ", missing)
                + (missing.size() == COMMANDS.size() ? " (run from a clone as ./agentorchestr)" : ""),
                "put all three on PATH: mkdir -p ~/.local/bin && ln -sf " + bin + "/agentorchestr* ~/.local/bin/ "
                        + "(and have ~/.local/bin on PATH)");
    }
}
