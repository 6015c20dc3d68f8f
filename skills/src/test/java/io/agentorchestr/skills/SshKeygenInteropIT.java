package io.agentorchestr.skills;

import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signatures both ways with the real ssh-keygen (openssh-client): its keys, its signatures, its verifier. */
class SshKeygenInteropIT {
    @TempDir
    Path dir;
    private final SystemProcessRunner runner = new SystemProcessRunner();
    private Path skill;
    private Path store;
    private SkillSignatures signatures;

    @BeforeEach
    void skill() throws IOException {
        skill = Files.createDirectories(dir.resolve("skill"));
        Files.writeString(skill.resolve("skill.toml"), "[skill]\nname = \"jwt\"\n");
        Files.writeString(skill.resolve("skill.md"), "Use RS256.\n");
        store = dir.resolve("allowed_signers");
        signatures = new SkillSignatures(new AllowedSigners(store));
    }

    private ExecResult sshKeygen(String... args) {
        List<String> argv = new ArrayList<>(List.of("ssh-keygen"));
        argv.addAll(List.of(args));
        return runner.run(ProcessSpec.of(argv).in(dir));
    }

    private Path newKey(String name, String passphrase) {
        ExecResult r = sshKeygen("-q", "-t", "ed25519", "-N", passphrase, "-C", name + "@test", "-f",
                dir.resolve(name).toString());
        assertEquals(0, r.exitCode(), "ssh-keygen (openssh-client) is needed: " + r.stderr());
        return dir.resolve(name);
    }

    private Path digestFile() throws IOException {
        return Files.writeString(dir.resolve("digest"), SkillDigest.of(skill));
    }

    /** ssh-keygen -Y verify of the skill's signature against the trust store, as principal {@code who}. */
    private ExecResult sshVerify(String who) throws IOException {
        return runner.run(ProcessSpec.of("sh", "-c", "ssh-keygen -Y verify -f \"$1\" -I \"$2\" -n agentorchestr-skill "
                + "-s \"$3\" < \"$4\"", "sh", store.toString(), who, skill.resolve("skill.sig").toString(),
                digestFile().toString()));
    }

    @Test
    void theProductsSignatureVerifiesWithSshKeygen() throws IOException {
        Path key = newKey("alice", "");
        signatures.sign(skill, key, () -> null);
        assertTrue(signatures.trustKey(key + ".pub", "alice@example.com"));
        ExecResult r = sshVerify("alice@example.com");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("Good \"agentorchestr-skill\" signature for alice@example.com"), r.stdout());
        assertNotEquals(0, sshVerify("mallory@example.com").exitCode());
    }

    @Test
    void sshKeygensSignaturesVerifyInTheProductWithSha512AndSha256() throws IOException {
        Path key = newKey("bob", "");
        signatures.trustKey(key + ".pub", "bob");
        for (String hash : List.of("sha512", "sha256")) {
            Path digest = digestFile();
            Files.deleteIfExists(dir.resolve("digest.sig"));
            ExecResult r = sshKeygen("-Y", "sign", "-f", key.toString(), "-n", "agentorchestr-skill", "-O",
                    "hashalg=" + hash, digest.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            Files.copy(dir.resolve("digest.sig"), skill.resolve("skill.sig"), java.nio.file.StandardCopyOption
                    .REPLACE_EXISTING);
            SkillSignatures.Verdict v = signatures.verify(skill);
            assertTrue(v.ok(), hash + ": " + v.reason());
            assertEquals("bob", v.signer());
        }
        Files.writeString(skill.resolve("skill.md"), "Use HS256.\n");
        assertTrue(signatures.verify(skill).reason().startsWith("tampered"));
    }

    @Test
    void aPassphraseProtectedKeySignsWithItsPassphraseAndNotWithoutIt() throws IOException {
        Path key = newKey("carol", "correct horse");
        signatures.trustKey(key + ".pub", "carol");
        io.agentorchestr.core.error.AgentorchestrException wrong = org.junit.jupiter.api.Assertions.assertThrows(
                io.agentorchestr.core.error.AgentorchestrException.class,
                () -> signatures.sign(skill, key, "battery staple"::toCharArray));
        assertTrue(wrong.getMessage().contains("cannot unlock"), wrong.getMessage());
        signatures.sign(skill, key, "correct horse"::toCharArray);
        assertTrue(signatures.verify(skill).ok());
        assertEquals(0, sshVerify("carol").exitCode());
    }

    @Test
    void crlfArmorIsRefusedBySshKeygenAndByTheProduct() throws IOException {
        Path key = newKey("dave", "");
        signatures.trustKey(key + ".pub", "dave");
        signatures.sign(skill, key, () -> null);
        Path sig = skill.resolve("skill.sig");
        Files.writeString(sig, Files.readString(sig).replace("\n", "\r\n"));
        assertNotEquals(0, sshVerify("dave").exitCode());
        assertTrue(signatures.verify(skill).reason().contains("CRLF"));
    }
}
