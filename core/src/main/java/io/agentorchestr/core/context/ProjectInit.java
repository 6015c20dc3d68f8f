package io.agentorchestr.core.context;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code --init} use case: scaffolds {@code .agentorchestr/} in a project. Files that exist are
 * kept, so running it again changes nothing; with {@code force}, the scaffolded files are written
 * again, each old one saved next to it as {@code .bak} first (a file that already reads as the
 * scaffold is left alone, so a second forced run never overwrites the backup of the user's text).
 * Memory notes and skills are never touched.
 */
public final class ProjectInit {
    public static final String DIR = ProjectConfig.DIR;
    /**
     * Lines {@code .gitignore} gets: what is machine-local. Shared with the team (committed): PROJECT.md,
     * CONVENTIONS.md, hooks.json, config.toml and memory/topics/. Machine-local: the workers' control
     * files, each session's episode (one file per run: committing them would churn), cached research,
     * installed skills (git clones with their own {@code .git}, which git would take as an embedded
     * repository; each checkout installs its own) and --init-force backups.
     */
    static final List<String> IGNORED = List.of(DIR + "/done.flag", DIR + "/done.flag.tmp",
            DIR + "/memory/episodes/", DIR + "/memory/research/", DIR + "/skills/", DIR + "/*.bak");
    private static final String IGNORE_HEADER = "# agentorchestr: machine-local files (worker control files, "
            + "episodes, research cache, installed skills, --init-force backups)";

    private ProjectInit() {
    }

    public static List<InitEntry> run(Path root, boolean force) {
        Path dir = root.resolve(DIR);
        List<InitEntry> report = new ArrayList<>();
        Map<String, Supplier<String>> files = new LinkedHashMap<>();
        files.put("PROJECT.md", () -> Scaffold.projectMarkdown(root, StackDetector.detect(root)));
        files.put("CONVENTIONS.md", Scaffold::conventions);
        files.put("hooks.json", Scaffold::hooksJson);
        files.put("config.toml", Scaffold::configToml);
        try {
            if (leaves(root, dir).isPresent()) {
                // Nothing goes into a directory elsewhere; .gitignore is the repository's own file.
                report.add(leaves(root, dir).get());
                report.add(guarded(root, root.resolve(".gitignore"), () -> gitignore(root)));
                return report;
            }
            Files.createDirectories(dir);
            for (Map.Entry<String, Supplier<String>> f : files.entrySet()) {
                Path file = dir.resolve(f.getKey());
                report.add(guarded(root, file, () -> file(root, file, f.getValue(), force)));
            }
            for (String sub : List.of("memory/topics", "memory/episodes", "memory/research", "skills")) {
                Path d = dir.resolve(sub);
                report.add(guarded(root, d, () -> directory(root, d)));
            }
            report.add(guarded(root, root.resolve(".gitignore"), () -> gitignore(root)));
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot write " + dir + ": " + e.getMessage() + "; check that the "
                    + "project directory is writable", e);
        }
        return report;
    }

    private interface Write {
        InitEntry run() throws IOException;
    }

    private static InitEntry guarded(Path root, Path target, Write write) throws IOException {
        Optional<InitEntry> away = leaves(root, target);
        return away.isPresent() ? away.get() : write.run();
    }

    /**
     * A SKIPPED entry when writing {@code target} would write outside the repository: it, or a
     * directory on its way, is a symlink to elsewhere (a PROJECT.md linked to a shared file, a linked
     * .agentorchestr). What the user linked is theirs; --init never writes through it.
     */
    static Optional<InitEntry> leaves(Path root, Path target) throws IOException {
        Path realRoot = root.toRealPath();
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.empty();
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            real = null;   // a dangling symlink: where it would lead is outside anything we know
        }
        if (real != null && real.startsWith(realRoot)) {
            return Optional.empty();
        }
        String rel = root.relativize(target).toString() + (Files.isDirectory(target) ? "/" : "");
        return Optional.of(new InitEntry(rel, InitEntry.Action.SKIPPED, (real == null ? "a dangling symlink"
                : "leads to " + real) + ", outside the repository; not written (replace the link with a file "
                + "to have --init write it)"));
    }

    private static InitEntry file(Path root, Path file, Supplier<String> content, boolean force) throws IOException {
        String rel = root.relativize(file).toString();
        if (!Files.exists(file)) {
            Files.writeString(file, content.get(), StandardCharsets.UTF_8);
            return new InitEntry(rel, InitEntry.Action.CREATED, "");
        }
        if (!force) {
            return new InitEntry(rel, InitEntry.Action.KEPT, "exists (--init-force rewrites it, keeping a .bak)");
        }
        String text = content.get();
        if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            return new InitEntry(rel, InitEntry.Action.KEPT, "already the scaffold");
        }
        Path backup = file.resolveSibling(file.getFileName() + ".bak");
        Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new InitEntry(rel, InitEntry.Action.REWRITTEN, "the old one is " + root.relativize(backup));
    }

    private static InitEntry directory(Path root, Path dir) throws IOException {
        String rel = root.relativize(dir) + "/";
        if (Files.isDirectory(dir)) {
            return new InitEntry(rel, InitEntry.Action.KEPT, "");
        }
        Files.createDirectories(dir);
        return new InitEntry(rel, InitEntry.Action.CREATED, "");
    }

    /** Adds the lines it lacks, each a pattern on its own line (git has no comments after a pattern). */
    private static InitEntry gitignore(Path root) throws IOException {
        Path file = root.resolve(".gitignore");
        String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        List<String> have = text.lines().map(String::strip).toList();
        List<String> missing = IGNORED.stream().filter(l -> !have.contains(l) && !have.contains("/" + l)).toList();
        if (missing.isEmpty()) {
            return new InitEntry(".gitignore", InitEntry.Action.KEPT, "has the agentorchestr lines");
        }
        StringBuilder add = new StringBuilder();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            add.append('\n');
        }
        if (have.stream().noneMatch(l -> l.startsWith("# agentorchestr:"))) {  // an older --init's header counts
            add.append(text.isEmpty() ? "" : "\n").append(IGNORE_HEADER).append('\n');
        }
        missing.forEach(l -> add.append(l).append('\n'));
        Files.writeString(file, text + add, StandardCharsets.UTF_8);
        return new InitEntry(".gitignore", text.isEmpty() ? InitEntry.Action.CREATED : InitEntry.Action.UPDATED,
                "added " + String.join(", ", missing));
    }
}
