package io.agentorchestr.core.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds how a project is built and tested, from the files its build tools read: Maven, Gradle,
 * npm/pnpm/yarn, Cargo, Go, Python with pytest and Make, in the root and in its top-level directories
 * (a monorepo). The commands run in a fresh checkout (verify runs on the integration worktree), so
 * they install dependencies first where the tool needs it. A directory already covered by a build
 * of its parent (a Maven module, a Cargo or npm workspace member) is not listed again.
 */
public final class StackDetector {
    /** Directories of build output, dependencies and virtual environments: never a part of the project. */
    static final Set<String> SKIPPED = Set.of("node_modules", "target", "build", "dist", "vendor", "out",
            "venv", ".venv", "__pycache__");
    private static final Pattern MAKE_TARGET = Pattern.compile("^(test|check)\\s*:", Pattern.MULTILINE);
    private static final Pattern NPM_DEFAULT_TEST = Pattern.compile("no test specified");

    private StackDetector() {
    }

    public static List<DetectedStack> detect(Path root) {
        List<DetectedStack> found = new ArrayList<>(in(root, ""));
        if (found.stream().anyMatch(s -> s.name().startsWith("Make"))) {
            return found;  // the root Makefile is how the project wants to be checked as a whole
        }
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                String name = child.getFileName().toString();
                if (!name.startsWith(".") && !SKIPPED.contains(name) && !coveredByRoot(found, name)) {
                    found.addAll(in(child, name));
                }
            }
        } catch (IOException e) {
            // An unreadable directory: what was found at the root stands.
        }
        return found;
    }

    /** A Maven, Gradle, Cargo or npm workspace build at the root already checks its subprojects. */
    private static boolean coveredByRoot(List<DetectedStack> root, String child) {
        return root.stream().anyMatch(s -> s.name().equals("Maven") || s.name().equals("Gradle")
                || s.name().equals("Cargo") && s.evidence().contains("workspace")
                || s.name().startsWith("Node.js") && s.evidence().contains("workspaces"));
    }

    private static List<DetectedStack> in(Path dir, String rel) {
        List<DetectedStack> found = new ArrayList<>();
        maven(dir, rel).ifPresent(found::add);
        gradle(dir, rel).ifPresent(found::add);
        node(dir, rel).ifPresent(found::add);
        cargo(dir, rel).ifPresent(found::add);
        go(dir, rel).ifPresent(found::add);
        python(dir, rel).ifPresent(found::add);
        make(dir, rel).ifPresent(found::add);
        return found;
    }

    private static Optional<DetectedStack> maven(Path dir, String rel) {
        if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
            return Optional.empty();
        }
        String mvn = Files.isRegularFile(dir.resolve("mvnw")) ? "./mvnw" : "mvn";
        return Optional.of(new DetectedStack("Maven", rel, "pom.xml", List.of(mvn + " -B -q verify")));
    }

    private static Optional<DetectedStack> gradle(Path dir, String rel) {
        Optional<String> file = Stream.of("build.gradle.kts", "build.gradle", "settings.gradle.kts", "settings.gradle")
                .filter(f -> Files.isRegularFile(dir.resolve(f))).findFirst();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String gradle = Files.isRegularFile(dir.resolve("gradlew")) ? "./gradlew" : "gradle";
        return Optional.of(new DetectedStack("Gradle", rel, file.get(), List.of(gradle + " check")));
    }

    private static Optional<DetectedStack> node(Path dir, String rel) {
        Path manifest = dir.resolve("package.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        String json = read(manifest);
        String evidence = json.contains("\"workspaces\"") ? "package.json with workspaces" : "package.json";
        boolean hasTest = json.contains("\"test\"") && !NPM_DEFAULT_TEST.matcher(json).find();
        boolean hasBuild = json.contains("\"build\"");
        String tool;
        String install;
        if (Files.isRegularFile(dir.resolve("pnpm-lock.yaml"))) {
            tool = "pnpm";
            install = "pnpm install --frozen-lockfile";
        } else if (Files.isRegularFile(dir.resolve("yarn.lock"))) {
            tool = "yarn";
            install = "yarn install --frozen-lockfile";
        } else {
            tool = "npm";
            install = Files.isRegularFile(dir.resolve("package-lock.json")) ? "npm ci" : "npm install";
        }
        List<String> commands = new ArrayList<>(List.of(install));
        if (hasBuild) {
            commands.add(tool + " run build");
        }
        if (hasTest) {
            commands.add(tool + " test");
        }
        return Optional.of(new DetectedStack("Node.js with " + tool, rel, evidence, commands));
    }

    private static Optional<DetectedStack> cargo(Path dir, String rel) {
        Path manifest = dir.resolve("Cargo.toml");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        String evidence = read(manifest).contains("[workspace]") ? "Cargo.toml with [workspace]" : "Cargo.toml";
        return Optional.of(new DetectedStack("Cargo", rel, evidence, List.of("cargo build --all-targets",
                "cargo test")));
    }

    private static Optional<DetectedStack> go(Path dir, String rel) {
        if (!Files.isRegularFile(dir.resolve("go.mod"))) {
            return Optional.empty();
        }
        return Optional.of(new DetectedStack("Go", rel, "go.mod", List.of("go vet ./...", "go test ./...")));
    }

    private static Optional<DetectedStack> python(Path dir, String rel) {
        Optional<String> evidence = Stream.of("pytest.ini", "conftest.py", "pyproject.toml", "setup.cfg", "tox.ini",
                        "requirements-dev.txt", "requirements.txt")
                .filter(f -> Files.isRegularFile(dir.resolve(f)))
                .filter(f -> f.equals("pytest.ini") || f.equals("conftest.py")
                        || read(dir.resolve(f)).toLowerCase(Locale.ROOT).contains("pytest"))
                .findFirst();
        return evidence.map(f -> new DetectedStack("Python (pytest)", rel, f, List.of("python3 -m pytest -q")));
    }

    private static Optional<DetectedStack> make(Path dir, String rel) {
        Optional<Path> makefile = Stream.of("GNUmakefile", "Makefile", "makefile").map(dir::resolve)
                .filter(Files::isRegularFile).findFirst();
        if (makefile.isEmpty()) {
            return Optional.empty();
        }
        var targets = MAKE_TARGET.matcher(read(makefile.get())).results().map(m -> m.group(1)).toList();
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        String target = targets.contains("test") ? "test" : "check";
        return Optional.of(new DetectedStack("Make", rel, makefile.get().getFileName() + " (" + target + ":)",
                List.of("make " + target)));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
