package io.agentorchestr.skills;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkillSignaturesTest {
    @TempDir
    Path dir;
    private Path skill;
    private Path key;
    private Ed25519PrivateKeyParameters secret;
    private SkillSignatures signatures;

    @BeforeEach
    void skillAndKey() throws IOException {
        skill = Files.createDirectories(dir.resolve("skill"));
        Files.writeString(skill.resolve("skill.toml"), "[skill]\nname = \"jwt\"\nversion = \"1.0.0\"\n");
        Files.writeString(skill.resolve("skill.md"), "Use RS256 for JWT.\n");
        Files.createDirectories(skill.resolve("examples"));
        Files.writeString(skill.resolve("examples/a.txt"), "example\n");
        Files.createDirectories(skill.resolve(".git"));
        Files.writeString(skill.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        secret = new Ed25519PrivateKeyParameters(new SecureRandom());
        key = Files.writeString(dir.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(OpenSSHPrivateKeyUtil.encodePrivateKey(secret))
                + "\n-----END OPENSSH PRIVATE KEY-----\n");
        signatures = new SkillSignatures(new AllowedSigners(dir.resolve("config/allowed_signers")));
    }

    private String publicLine() {
        return new PublicKey(secret.generatePublicKey().getEncoded()).line();
    }

    private SkillSignatures.Verdict signedAndTrusted() {
        signatures.sign(skill, key, () -> null);
        assertTrue(signatures.trustKey(publicLine(), "alice@example.com"));
        SkillSignatures.Verdict v = signatures.verify(skill);
        assertTrue(v.ok(), v.reason());
        return v;
    }

    @Test
    void aSignedSkillWhoseKeyIsTrustedVerifiesAndNamesItsSigner() {
        SkillSignatures.Verdict v = signedAndTrusted();
        assertEquals("alice@example.com", v.signer());
        assertTrue(v.fingerprint().startsWith("SHA256:"));
        assertFalse(signatures.trustKey(publicLine(), "alice@example.com"), "trusting twice adds nothing");
    }

    @Test
    void aGoodSignatureByAKeyNotInTheTrustStoreIsUntrusted() {
        signatures.sign(skill, key, () -> null);
        SkillSignatures.Verdict v = signatures.verify(skill);
        assertTrue(v.signed() && v.valid());
        assertFalse(v.trusted());
        assertTrue(v.reason().startsWith("untrusted"), v.reason());
    }

    @Test
    void oneChangedByteAnAddedFileARenamedFileAndASymlinkAreEachCaught() throws IOException {
        signedAndTrusted();
        Files.writeString(skill.resolve("skill.md"), "Use RS256 for JWT!\n");
        assertTrue(signatures.verify(skill).reason().startsWith("tampered"), "a changed byte");
        Files.writeString(skill.resolve("skill.md"), "Use RS256 for JWT.\n");
        assertTrue(signatures.verify(skill).ok(), "restored");

        Files.writeString(skill.resolve("extra.md"), "more\n");
        assertTrue(signatures.verify(skill).reason().startsWith("tampered"), "an added file");
        Files.delete(skill.resolve("extra.md"));

        Files.move(skill.resolve("examples/a.txt"), skill.resolve("examples/b.txt"));
        assertTrue(signatures.verify(skill).reason().startsWith("tampered"), "a renamed file");
        Files.move(skill.resolve("examples/b.txt"), skill.resolve("examples/a.txt"));

        Files.createSymbolicLink(skill.resolve("link"), Path.of("/etc/passwd"));
        SkillSignatures.Verdict link = signatures.verify(skill);
        assertFalse(link.ok());
        assertTrue(link.reason().contains("symlink"), link.reason());
        Files.delete(skill.resolve("link"));

        Files.writeString(skill.resolve(".git/HEAD"), "ref: refs/heads/other\n");
        assertTrue(signatures.verify(skill).ok(), ".git is not part of the skill");
    }

    @Test
    void anUnsignedSkillAndADamagedSignatureAreNamed() throws IOException {
        assertEquals("unsigned: it has no skill.sig", signatures.verify(skill).reason());
        Files.writeString(skill.resolve("skill.sig"), "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n");
        assertTrue(signatures.verify(skill).reason().startsWith("bad signature"), signatures.verify(skill).reason());
        signatures.sign(skill, key, () -> null);
        String sig = Files.readString(skill.resolve("skill.sig"));
        Files.writeString(skill.resolve("skill.sig"), sig.replace("\n", "\r\n"));
        assertTrue(signatures.verify(skill).reason().contains("CRLF"), signatures.verify(skill).reason());
    }

    @Test
    void theTrustStoresNamespacesAndValidityAreHonoured() throws IOException {
        signatures.sign(skill, key, () -> null);
        Path store = dir.resolve("config/allowed_signers");
        Files.createDirectories(store.getParent());
        Files.writeString(store, "# git commits only\nbob namespaces=\"git\" " + publicLine() + "\n");
        assertFalse(signatures.verify(skill).trusted(), "trusted for git, not for skills");
        Files.writeString(store, "bob namespaces=\"agentorchestr-*\",valid-before=\"20200101\" " + publicLine() + "\n");
        assertFalse(signatures.verify(skill).trusted(), "expired");
        Files.writeString(store, "bob,carol namespaces=\"agentorchestr-*\",valid-after=\"20200101\" " + publicLine()
                + " laptop\n");
        assertEquals("bob,carol", signatures.verify(skill).signer());
        assertEquals(1, signatures.untrust("bob"));
        assertEquals("carol", signatures.verify(skill).signer());
        assertEquals(1, signatures.untrust("carol"));
        assertFalse(signatures.verify(skill).trusted());
        assertEquals(0, signatures.untrust("carol"));
    }

    @Test
    void aSignatureForAnotherNamespaceIsRefused() throws IOException {
        SshSignature git = SshSignature.sign(SkillDigest.of(skill).getBytes(StandardCharsets.UTF_8), "git", secret);
        Files.writeString(skill.resolve("skill.sig"), git.armored());
        signatures.trustKey(publicLine(), "alice");
        SkillSignatures.Verdict v = signatures.verify(skill);
        assertFalse(v.ok());
        assertTrue(v.reason().contains("namespace \"git\""), v.reason());
    }

    @Test
    void theDigestListsEveryFileButGitAndTheSignatureSortedWithItsHash() throws IOException {
        Files.writeString(skill.resolve("skill.sig"), "whatever");
        String digest = SkillDigest.of(skill);
        assertEquals(SkillDigest.HEADER, digest.lines().findFirst().orElseThrow());
        assertEquals(java.util.List.of("examples/a.txt", "skill.md", "skill.toml"),
                digest.lines().skip(1).map(l -> l.substring(66)).toList());
    }
}
