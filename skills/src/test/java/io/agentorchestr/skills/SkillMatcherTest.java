package io.agentorchestr.skills;

import io.agentorchestr.core.worker.SkillCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkillMatcherTest {
    @TempDir
    Path dir;
    private Path global;
    private Path project;
    private SkillStore store;

    @BeforeEach
    void skills() throws IOException {
        global = dir.resolve("global");
        project = dir.resolve("project/.agentorchestr/skills");
        skill(global, "jwt", "1.0.0", "[\"jwt\", \"token\"]", "[]", "Use RS256.");
        skill(global, "auth-files", "1.0.0", "[]", "[\"src/auth/**\"]", "Auth code lives in src/auth.");
        skill(global, "style", "1.0.0", "[\"style\"]", "[]", "Global style.");
        skill(project, "style", "2.0.0", "[\"style\"]", "[]", "Project style.");
        store = new SkillStore(global, project, new SkillSignatures(new AllowedSigners(dir.resolve("allowed"))));
    }

    private static void skill(Path scope, String name, String version, String keywords, String globs, String text)
            throws IOException {
        Path d = Files.createDirectories(scope.resolve(name));
        Files.writeString(d.resolve("skill.toml"), "[skill]\nname = \"" + name + "\"\nversion = \"" + version
                + "\"\ndescription = \"about " + name + "\"\n[triggers]\nkeywords = " + keywords + "\nfile_globs = "
                + globs + "\n");
        Files.writeString(d.resolve("skill.md"), text + "\n");
    }

    private SkillCatalog.Selection select(String task, List<String> scope, List<String> choices) {
        return new SkillMatcher(store, false).select(task, scope, dir.resolve("project"), choices);
    }

    @Test
    void aKeywordInTheTaskOrAGlobOverTheScopeMatchesAndFilesCountMore() {
        assertEquals(List.of("jwt"), select("Add JWT checks to login", List.of(), List.of()).names());
        assertEquals(List.of(), select("Add jwtfoo checks", List.of(), List.of()).names(), "whole words only");
        assertEquals(List.of("auth-files", "jwt"), select("Refresh the token", List.of("src/auth/Login.java"),
                List.of()).names());
        assertEquals(List.of("auth-files"), select("Tidy up", List.of("src/auth"), List.of()).names(),
                "a directory in the scope matches what is under it");
    }

    @Test
    void withoutAScopeTheRepositorysFilesAreMatched() throws IOException {
        Files.createDirectories(dir.resolve("project/src/auth"));
        Files.writeString(dir.resolve("project/src/auth/A.java"), "class A {}");
        assertEquals(List.of("auth-files"), select("Tidy up", List.of(), List.of()).names());
    }

    @Test
    void aProjectSkillHidesTheGlobalOneOfTheSameName() {
        SkillCatalog.Selection s = select("Fix the style", List.of(), List.of());
        assertEquals(1, s.skills().size());
        assertEquals("2.0.0", s.skills().get(0).version());
        assertEquals("Project style.\n", s.skills().get(0).text());
    }

    @Test
    void choicesForceAndExcludeAndAnUnknownNameIsRefused() {
        assertEquals(List.of("style", "jwt"), select("Add JWT", List.of(), List.of("style")).names());
        assertEquals(List.of(), select("Add JWT", List.of(), List.of("-jwt")).names());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> select("x", List.of(), List.of("nosuch")));
        assertTrue(e.getMessage().contains("no installed skill is named 'nosuch'"), e.getMessage());
    }

    @Test
    void unsignedSkillsAreLeftOutWhenSignaturesAreRequiredAndSaySo() {
        SkillCatalog.Selection s = new SkillMatcher(store, true).select("Add JWT", List.of(), dir, List.of());
        assertEquals(List.of(), s.names());
        assertTrue(s.notes().get(0).startsWith("jwt left out: signed skills are required: unsigned"), s.notes().get(0));
        assertTrue(new SkillMatcher(store, true).available().isEmpty());
        assertEquals(3, new SkillMatcher(store, false).available().size());
    }

    @Test
    void skillsBeyondTheBudgetAreLeftOutWhole() throws IOException {
        Files.writeString(global.resolve("jwt/skill.md"), "x".repeat(SkillMatcher.BUDGET_CHARS - 10));
        SkillCatalog.Selection s = select("JWT style", List.of(), List.of());
        assertEquals(List.of("jwt"), s.names());
        assertTrue(s.notes().contains("style left out: over the " + SkillMatcher.BUDGET_CHARS
                + "-character skill budget"), s.notes().toString());
    }
}
