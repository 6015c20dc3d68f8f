package io.agentorchestr.skills;

import io.agentorchestr.core.worker.SkillCatalog;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@link SkillCatalog} over the installed skills: a skill matches a worker when one of its
 * keywords is a word of the task, or one of its globs matches the worker's file scope (with no scope,
 * a file of the repository). More matches come first; skills go in whole until the budget is spent.
 * A skill whose signature fails is never given; with signatures required, neither is an unsigned or
 * untrusted one.
 */
public final class SkillMatcher implements SkillCatalog {
    public static final int BUDGET_CHARS = 24_000;
    private static final int MAX_REPO_FILES = 20_000;

    private final SkillStore store;
    private final boolean requireSigned;

    public SkillMatcher(SkillStore store, boolean requireSigned) {
        this.store = store;
        this.requireSigned = requireSigned;
    }

    @Override
    public Selection select(String task, List<String> fileScope, Path repo, List<String> choices) {
        List<InstalledSkill> skills = store.list().stream().filter(s -> !s.overridden()).toList();
        List<String> forced = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (String c : choices) {
            String name = c.startsWith("-") || c.startsWith("!") ? c.substring(1) : c;
            if (skills.stream().noneMatch(s -> s.manifest().name().equals(name))) {
                throw new IllegalArgumentException("no installed skill is named '" + name + "'; the skills are: "
                        + (skills.isEmpty() ? "none" : String.join(", ", skills.stream().map(s -> s.manifest().name())
                        .toList())));
            }
            (name.equals(c) ? forced : excluded).add(name);
        }
        List<String> files = fileScope.isEmpty() ? repoFiles(repo) : fileScope;
        List<String> notes = new ArrayList<>();
        List<Scored> candidates = new ArrayList<>();
        for (InstalledSkill s : skills) {
            String name = s.manifest().name();
            int score = forced.contains(name) ? 1000 : score(s.manifest(), task, files);
            if (score == 0 || excluded.contains(name)) {
                continue;
            }
            String refused = refusal(s);
            if (refused != null) {
                notes.add(name + " left out: " + refused);
                continue;
            }
            candidates.add(new Scored(s, score));
        }
        candidates.sort(Comparator.comparingInt(Scored::score).reversed().thenComparing(c -> c.skill().manifest().name()));
        List<Skill> given = new ArrayList<>();
        int used = 0;
        for (Scored c : candidates) {
            SkillManifest m = c.skill().manifest();
            if (used + m.instructions().length() > BUDGET_CHARS) {
                notes.add(m.name() + " left out: over the " + BUDGET_CHARS + "-character skill budget");
                continue;
            }
            used += m.instructions().length();
            given.add(new Skill(m.name(), m.version(), m.instructions()));
        }
        return new Selection(given, notes);
    }

    @Override
    public List<String> available() {
        List<String> out = new ArrayList<>();
        for (InstalledSkill s : store.list()) {
            if (s.overridden() || refusal(s) != null) {
                continue;
            }
            SkillManifest m = s.manifest();
            out.add(m.name() + " " + m.version() + ": " + m.description()
                    + (m.keywords().isEmpty() ? "" : "; keywords: " + String.join(", ", m.keywords()))
                    + (m.fileGlobs().isEmpty() ? "" : "; files: " + String.join(", ", m.fileGlobs()))
                    + "; " + (s.signature().ok() ? "signed by " + s.signature().signer() : "not verified ("
                    + s.signature().reason() + ")"));
        }
        return out;
    }

    @Override
    public List<String> refused() {
        List<String> out = new ArrayList<>();
        for (InstalledSkill s : store.list()) {
            String why = s.overridden() ? null : refusal(s);
            if (why != null) {
                out.add(s.manifest().name() + " (" + s.dir() + "): " + why);
            }
        }
        return out;
    }

    private record Scored(InstalledSkill skill, int score) {
    }

    /** Why a skill may not be given, or null. */
    private String refusal(InstalledSkill s) {
        SkillSignatures.Verdict v = s.signature();
        if (v.signed() && !v.valid()) {
            return v.reason();
        }
        if (requireSigned && !v.ok()) {
            return "signed skills are required: " + v.reason();
        }
        return null;
    }

    /** Keyword hits in the task count once each; glob hits count twice (a file is more specific than a word). */
    static int score(SkillManifest m, String task, List<String> files) {
        int score = 0;
        for (String k : m.keywords()) {
            Pattern word = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(k.toLowerCase(Locale.ROOT))
                    + "(?![\\p{L}\\p{N}])");
            if (word.matcher(task.toLowerCase(Locale.ROOT)).find()) {
                score++;
            }
        }
        for (String g : m.fileGlobs()) {
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + g);
            if (files.stream().anyMatch(f -> glob.matches(Path.of(f)) || glob.matches(Path.of(f, "x")))) {
                score += 2;
            }
        }
        return score;
    }

    private static List<String> repoFiles(Path repo) {
        if (repo == null || !Files.isDirectory(repo)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(repo)) {
            return s.filter(p -> !repo.relativize(p).startsWith(".git") && Files.isRegularFile(p))
                    .limit(MAX_REPO_FILES).map(p -> repo.relativize(p).toString()).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }
}
