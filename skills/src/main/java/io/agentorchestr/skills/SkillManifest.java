package io.agentorchestr.skills;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.text.PlainText;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A skill's {@code skill.toml} ({@code [skill] name, version, author, description}; {@code [triggers]
 * keywords, file_globs}) and its {@code skill.md}, checked: required keys, a usable name, plain files
 * only, and size limits. A problem is one message naming the file and the field.
 */
public record SkillManifest(String name, String version, String author, String description, List<String> keywords,
                            List<String> fileGlobs, String instructions) {
    public static final int MAX_INSTRUCTIONS_BYTES = 64 * 1024;
    public static final long MAX_SKILL_BYTES = 5L * 1024 * 1024;
    public static final int MAX_FILES = 1000;

    public SkillManifest {
        keywords = List.copyOf(keywords);
        fileGlobs = List.copyOf(fileGlobs);
    }

    public static SkillManifest read(Path dir) {
        Path toml = dir.resolve("skill.toml");
        Path md = dir.resolve("skill.md");
        checkTree(dir);
        if (!Files.isRegularFile(toml, LinkOption.NOFOLLOW_LINKS)) {
            throw bad(toml, "is missing: a skill needs skill.toml with [skill] name, version and description");
        }
        if (!Files.isRegularFile(md, LinkOption.NOFOLLOW_LINKS)) {
            throw bad(md, "is missing: a skill needs skill.md, the text its workers get");
        }
        TomlParseResult t = Toml.parse(utf8(toml));
        long mdSize;
        try {
            mdSize = Files.size(md);
        } catch (IOException e) {
            throw bad(md, "cannot be read: " + e.getMessage());
        }
        if (mdSize > MAX_INSTRUCTIONS_BYTES) {
            throw bad(md, "is " + mdSize + " bytes; the most is " + MAX_INSTRUCTIONS_BYTES);
        }
        String instructions = utf8(md);
        if (t.hasErrors()) {
            throw bad(toml, "is not valid TOML: " + t.errors().get(0));
        }
        String name = text(t, toml, "skill.name", true);
        if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw bad(toml, "field skill.name \"" + name + "\" must be lower-case letters, digits and '-' (at most 64)");
        }
        return new SkillManifest(name, text(t, toml, "skill.version", true), text(t, toml, "skill.author", false),
                text(t, toml, "skill.description", true), list(t, toml, "triggers.keywords"),
                list(t, toml, "triggers.file_globs"), instructions);
    }

    /** The file's text; each file's own problem is named with it. */
    private static String utf8(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw bad(file, "is not valid UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw bad(file, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Fields reach the lead's prompt and the user's terminal: an escape or other control character
     * (newlines and tabs aside) could act there, so a skill that has one is refused.
     */
    private static String plain(Path file, String key, String value) {
        PlainText.problem("field " + key, value, Integer.MAX_VALUE).ifPresent(problem -> {
            throw bad(file, problem);
        });
        return value;
    }

    private static String text(TomlParseResult t, Path file, String key, boolean required) {
        Object v = t.get(key);
        if (v == null) {
            if (required) {
                throw bad(file, "needs the field " + key);
            }
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw bad(file, "field " + key + " must be a non-empty string");
        }
        return plain(file, key, s.strip());
    }

    private static List<String> list(TomlParseResult t, Path file, String key) {
        Object v = t.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof TomlArray a)) {
            throw bad(file, "field " + key + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof String s) || s.isBlank()) {
                throw bad(file, "field " + key + " item " + i + " must be a non-empty string");
            }
            out.add(plain(file, key, s.strip()));
        }
        return out;
    }

    /** Plain files only (no symlinks out of the skill), and not too many or too big; .git aside. */
    private static void checkTree(Path dir) {
        long bytes = 0;
        int files = 0;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = dir.relativize(p);
                if (rel.startsWith(".git")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    throw bad(p, "is a symlink; a skill is plain files (a link could point out of it)");
                }
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files++;
                    bytes += Files.size(p);
                }
            }
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot read the skill " + dir + ": " + e.getMessage(), e);
        }
        if (files > MAX_FILES || bytes > MAX_SKILL_BYTES) {
            throw bad(dir, "holds " + files + " files and " + bytes + " bytes; a skill may hold at most " + MAX_FILES
                    + " files and " + MAX_SKILL_BYTES + " bytes");
        }
    }

    private static AgentorchestrException bad(Path file, String what) {
        return AgentorchestrException.usage("invalid skill: " + file + " " + what);
    }
}
