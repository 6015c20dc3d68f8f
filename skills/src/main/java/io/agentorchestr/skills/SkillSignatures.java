package io.agentorchestr.skills;

import io.agentorchestr.core.config.PrivateFile;
import io.agentorchestr.core.error.AgentorchestrException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signing a skill directory and judging its signature: good (the digest of what is there now matches
 * what was signed, in the agentorchestr-skill namespace) and trusted (the signer's key is in the
 * user's allowed_signers for that namespace). A key shipped inside the skill counts for nothing.
 */
public final class SkillSignatures {
    private final AllowedSigners trust;

    public SkillSignatures(AllowedSigners trust) {
        this.trust = trust;
    }

    /** What is known about a skill's signature; {@code reason} says why it is not trusted, for people. */
    public record Verdict(boolean signed, boolean valid, boolean trusted, String signer, String fingerprint,
                          String reason) {
        public boolean ok() {
            return signed && valid && trusted;
        }
    }

    /** Who signed, as the trust store names the key (empty when it does not). */
    public record Signed(Path signature, String fingerprint, Optional<String> trustedAs) {
    }

    /** Signs {@code dir} with the OpenSSH key in {@code keyFile}: writes {@code dir/skill.sig}. */
    public Signed sign(Path dir, Path keyFile, Supplier<char[]> passphrase) {
        Ed25519PrivateKeyParameters key = PrivateKeys.read(keyFile, passphrase);
        SshSignature sig = SshSignature.sign(SkillDigest.of(dir).getBytes(StandardCharsets.UTF_8),
                AllowedSigners.NAMESPACE, key);
        Path file = dir.resolve(SkillDigest.SIGNATURE_FILE);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot replace " + file + ": " + e.getMessage(), e);
        }
        PrivateFile.write(file, "the skill's signature", sig.armored());
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException | UnsupportedOperationException e) {
            // readable by its owner is enough; a signature is no secret either way
        }
        return new Signed(file, sig.signer().fingerprint(), trust.principalsFor(sig.signer(), AllowedSigners.NAMESPACE));
    }

    public Verdict verify(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw AgentorchestrException.usage(dir + " is not a skill directory (it is missing or not a directory)");
        }
        Path file = dir.resolve(SkillDigest.SIGNATURE_FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Verdict(false, false, false, null, null, "unsigned: it has no " + SkillDigest.SIGNATURE_FILE);
        }
        SshSignature sig;
        String digest;
        try {
            if (Files.isSymbolicLink(file)) {
                throw AgentorchestrException.usage("its " + SkillDigest.SIGNATURE_FILE + " is a symlink");
            }
            sig = SshSignature.parse(Files.readString(file, StandardCharsets.UTF_8));
            digest = SkillDigest.of(dir);
        } catch (AgentorchestrException | IOException e) {
            return new Verdict(true, false, false, null, null, "bad signature: " + e.getMessage());
        }
        String fp = sig.signer().fingerprint();
        if (!sig.namespace().equals(AllowedSigners.NAMESPACE)) {
            return new Verdict(true, false, false, null, fp, "signed for the namespace \"" + sig.namespace()
                    + "\", not \"" + AllowedSigners.NAMESPACE + "\" (sign with -n " + AllowedSigners.NAMESPACE + ")");
        }
        if (!sig.verifies(digest.getBytes(StandardCharsets.UTF_8))) {
            return new Verdict(true, false, false, null, fp, "tampered: its files are not what " + fp + " signed");
        }
        Optional<String> who = trust.principalsFor(sig.signer(), AllowedSigners.NAMESPACE);
        if (who.isEmpty()) {
            return new Verdict(true, true, false, null, fp, "untrusted: " + fp + " is not in " + trust.file()
                    + " for " + AllowedSigners.NAMESPACE + " (trust it with --trust-key PUBKEY --principal NAME)");
        }
        return new Verdict(true, true, true, who.get(), fp, "signed by " + who.get() + " (" + fp + ")");
    }

    /** Adds a public key (a .pub file, or the key's text) to the trust store as {@code principal}. */
    public boolean trustKey(String keyOrFile, String principal) {
        String text = keyOrFile.strip();
        if (!text.startsWith(PublicKey.TYPE + " ")) {
            Path p = Path.of(keyOrFile);
            try {
                text = Files.readString(p, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw AgentorchestrException.usage("--trust-key takes a public key (ssh-ed25519 AAAA...) or a .pub "
                        + "file; cannot read " + p + ": " + e.getMessage());
            }
        }
        return trust.trust(PublicKey.parseLine(text.lines().findFirst().orElse("")), principal);
    }

    public int untrust(String principal) {
        return trust.untrust(principal);
    }

    public Path trustStore() {
        return trust.file();
    }
}
