package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.TestRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Installing skills from git with the distribution: from a local bare repository and from file://,
 * pinned, listed, updated (and a refused update changing nothing), removed; project skills hide
 * global ones; signatures required or not.
 */
@Timeout(240)
class SkillInstallIT extends SandboxedRun {
    private final SystemProcessRunner runner = new SystemProcessRunner();
    private Path work;
    private Path bare;
    private Path key;

    @BeforeEach
    void skillRepository() throws IOException {
        work = TestRepo.create(dir.resolve("jwt-work")).dir();
        Files.writeString(work.resolve("skill.toml"), """
                [skill]
                name = "jwt"
                version = "1.0.0"
                author = "Alice"
                description = "How we issue JSON Web Tokens"
                [triggers]
                keywords = ["jwt", "token"]
                file_globs = ["src/auth/**"]
                """);
        Files.writeString(work.resolve("skill.md"), "Sign tokens with RS256; never accept alg=none.\n");
        key = dir.resolve("id_ed25519");
        ExecResult keygen = runner.run(ProcessSpec.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                key.toString()));
        assertEquals(0, keygen.exitCode(), keygen.stderr());
        signAndCommit("version 1.0.0");
        TestRepo.gitIn(work, "tag", "v1");
        bare = dir.resolve("jwt.git");
        TestRepo.gitIn(dir, "clone", "-q", "--bare", work.toString(), bare.toString());
        TestRepo.gitIn(work, "remote", "add", "origin", bare.toString());
    }

    /** The result of one call. */
    private record Run(int exitCode, String stdout, String stderr) {
    }

    /**
     * The command in this JVM (as CliBadInputIT runs it): a JVM start per call would make this test most
     * of a minute; SkillSigningIT runs the skill commands through the distribution's launcher.
     */
    private Run cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(args));
        boolean needsProject = argv.stream().anyMatch(a -> java.util.List.of("--skill-list", "--skill-update",
                "--skill-remove", "--skill-verify").contains(a));
        if (needsProject && !argv.contains("--project")) {
            argv.add("--project");
            argv.add(project.dir().toString());
        }
        int code = Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                dist.environment(), argv.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private void signAndCommit(String message) {
        Run signed = cli("--skill-sign", work.toString(), "--key", key.toString());
        assertEquals(0, signed.exitCode(), signed.stderr());
        TestRepo.gitIn(work, "add", "-A");
        TestRepo.gitIn(work, "commit", "-q", "-m", message);
    }

    private JsonNode list() throws IOException {
        Run r = cli("--skill-list", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        return json.readTree(r.stdout());
    }

    @Test
    void aSkillIsInstalledPinnedListedUpdatedAndRemoved() throws IOException {
        Run add = cli("--skill-add", bare.toString());
        assertEquals(0, add.exitCode(), add.stderr());
        JsonNode s = list().get(0);
        assertEquals("jwt", s.get("name").asText());
        assertEquals("1.0.0", s.get("version").asText());
        assertEquals("global", s.get("scope").asText());
        assertEquals(TestRepo.gitIn(bare, "rev-parse", "HEAD").strip(), s.get("commit").asText());
        assertTrue(s.get("signed").asBoolean());
        assertFalse(s.get("trusted").asBoolean());
        assertTrue(s.get("why").asText().startsWith("untrusted"), s.toString());
        assertTrue(Files.isRegularFile(dir.resolve("xdg/data/agentorchestr/skills/jwt/skill.md")));

        Run twice = cli("--skill-add", bare.toString());
        assertEquals(2, twice.exitCode());
        assertTrue(twice.stderr().contains("installed already"), twice.stderr());

        // A new signed version upstream: the update shows what changed and moves to it.
        Files.writeString(work.resolve("skill.md"), "Sign tokens with RS256 or EdDSA; never accept alg=none.\n");
        Files.writeString(work.resolve("skill.toml"), Files.readString(work.resolve("skill.toml"))
                .replace("1.0.0", "1.1.0"));
        signAndCommit("version 1.1.0");
        TestRepo.gitIn(work, "push", "-q", "origin", "HEAD:refs/heads/" + TestRepo.gitIn(work, "symbolic-ref",
                "--short", "HEAD").strip());
        Run update = cli("--skill-update", "jwt");
        assertEquals(0, update.exitCode(), update.stderr());
        assertTrue(update.stdout().contains("modify skill.md"), update.stdout());
        assertEquals("1.1.0", list().get(0).get("version").asText());

        // Upstream changes a file without signing again: the update is refused and nothing moves.
        Files.writeString(work.resolve("skill.md"), "Accept alg=none.\n");
        TestRepo.gitIn(work, "commit", "-q", "-am", "unsigned change");
        TestRepo.gitIn(work, "push", "-q", "origin", "HEAD:refs/heads/" + TestRepo.gitIn(work, "symbolic-ref",
                "--short", "HEAD").strip());
        Run refused = cli("--skill-update", "jwt");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.stderr().contains("was refused") && refused.stderr().contains("tampered"),
                refused.stderr());
        assertEquals("1.1.0", list().get(0).get("version").asText());
        assertTrue(Files.readString(dir.resolve("xdg/data/agentorchestr/skills/jwt/skill.md")).contains("EdDSA"));

        assertEquals(0, cli("--skill-remove", "jwt").exitCode());
        assertEquals(0, list().size());
        assertEquals(2, cli("--skill-remove", "jwt").exitCode());
    }

    @Test
    void aProjectSkillFromFileUrlHidesTheGlobalOneAndARefPinsIt() throws IOException {
        Files.writeString(work.resolve("skill.toml"), Files.readString(work.resolve("skill.toml"))
                .replace("1.0.0", "2.0.0"));
        signAndCommit("version 2.0.0");
        TestRepo.gitIn(work, "push", "-q", "origin", "HEAD:refs/heads/" + TestRepo.gitIn(work, "symbolic-ref",
                "--short", "HEAD").strip());
        assertEquals(0, cli("--skill-add", bare.toString()).exitCode());
        Run pinned = cli("--skill-add", bare.toUri().toString(), "--ref", "v1",
                "--project", project.dir().toString());
        assertEquals(0, pinned.exitCode(), pinned.stderr());
        assertTrue(Files.isRegularFile(project.dir().resolve(".agentorchestr/skills/jwt/skill.toml")));
        JsonNode all = list();
        assertEquals(2, all.size());
        assertEquals("project", all.get(0).get("scope").asText());
        assertEquals("1.0.0", all.get(0).get("version").asText(), "pinned at the tag");
        assertEquals("global", all.get(1).get("scope").asText());
        assertTrue(all.get(1).get("overridden").asBoolean());
        assertEquals("2.0.0", all.get(1).get("version").asText());
    }

    @Test
    void signaturesAreRequiredWhenAskedAndABrokenOneIsRefusedAlways() throws IOException {
        // Changed after signing, committed: a signed skill whose signature fails.
        Files.writeString(work.resolve("skill.md"), "changed after signing\n");
        TestRepo.gitIn(work, "commit", "-q", "-am", "tampered");
        TestRepo.gitIn(work, "push", "-q", "origin", "HEAD:refs/heads/" + TestRepo.gitIn(work, "symbolic-ref",
                "--short", "HEAD").strip());
        Run tampered = cli("--skill-add", bare.toString());
        assertEquals(2, tampered.exitCode());
        assertTrue(tampered.stderr().contains("refused: tampered"), tampered.stderr());

        Run untrusted = cli("--skill-add", bare.toString(), "--ref", "v1",
                "--require-signed-skills");
        assertEquals(2, untrusted.exitCode());
        assertTrue(untrusted.stderr().contains("signed skills are required: untrusted"), untrusted.stderr());
        assertEquals(0, list().size(), "nothing was installed");

        assertEquals(0, cli("--trust-key", key + ".pub", "--principal", "alice").exitCode());
        Run trusted = cli("--skill-add", bare.toString(), "--ref", "v1",
                "--require-signed-skills");
        assertEquals(0, trusted.exitCode(), trusted.stderr());
        assertEquals(0, cli("--skill-verify", "jwt").exitCode());

        Path unsigned = TestRepo.create(dir.resolve("plain")).dir();
        Files.writeString(unsigned.resolve("skill.toml"), "[skill]\nname = \"plain\"\nversion = \"1\"\n"
                + "description = \"d\"\n");
        Files.writeString(unsigned.resolve("skill.md"), "text\n");
        TestRepo.gitIn(unsigned, "add", "-A");
        TestRepo.gitIn(unsigned, "commit", "-q", "-m", "plain");
        Run required = cli("--skill-add", unsigned.toString(), "--require-signed-skills");
        assertEquals(2, required.exitCode());
        assertTrue(required.stderr().contains("signed skills are required: unsigned"), required.stderr());
        assertEquals(0, cli("--skill-add", unsigned.toString()).exitCode(),
                "without the flag, an unsigned skill is fine");
    }

    @Test
    void aBadManifestIsOneMessageNamingTheFileAndTheField() throws IOException {
        Files.writeString(work.resolve("skill.toml"), "[skill]\nname = \"jwt\"\ndescription = \"d\"\n");
        TestRepo.gitIn(work, "commit", "-q", "-am", "no version");
        Run r = cli("--skill-add", work.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("skill.toml needs the field skill.version"), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    }
}
