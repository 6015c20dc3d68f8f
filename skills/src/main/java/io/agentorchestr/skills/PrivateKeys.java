package io.agentorchestr.skills;

import io.agentorchestr.core.error.AgentorchestrException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * OpenSSH private keys ({@code -----BEGIN OPENSSH PRIVATE KEY-----}, as ssh-keygen writes them),
 * ed25519 only, with or without a passphrase (bcrypt-pbkdf, decrypted by BouncyCastle).
 */
final class PrivateKeys {
    private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String END = "-----END OPENSSH PRIVATE KEY-----";

    private static final long MAX_KEY_BYTES = 64 * 1024;

    private PrivateKeys() {
    }

    /** Reads {@code file}; {@code passphrase} is asked only when the key is encrypted. */
    static Ed25519PrivateKeyParameters read(Path file, Supplier<char[]> passphrase) {
        String text;
        try {
            // /dev/zero or a huge file would be read whole: an OpenSSH key is a few hundred bytes.
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_KEY_BYTES) {
                throw AgentorchestrException.usage(file + " is not an OpenSSH private key file (a regular file of at "
                        + "most " + MAX_KEY_BYTES / 1024 + " KB); make one with ssh-keygen -t ed25519");
            }
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw AgentorchestrException.usage("cannot read the key " + file + ": " + e.getMessage());
        }
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw AgentorchestrException.usage(file + " is not an OpenSSH private key (" + BEGIN + "); make one "
                    + "with ssh-keygen -t ed25519");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length())
                    .replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw AgentorchestrException.usage(file + " is damaged (its base64 does not decode)");
        }
        AsymmetricKeyParameter key;
        try {
            key = encrypted(blob) ? decrypt(file, blob, passphrase) : OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw AgentorchestrException.usage("cannot read the key " + file + ": " + e.getMessage());
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed)) {
            throw AgentorchestrException.usage(file + " is not an ed25519 key; skills are signed with ed25519 "
                    + "(ssh-keygen -t ed25519)");
        }
        return ed;
    }

    private static AsymmetricKeyParameter decrypt(Path file, byte[] blob, Supplier<char[]> passphrase) {
        char[] pass = passphrase.get();
        if (pass == null || pass.length == 0) {
            throw AgentorchestrException.usage(file + " is protected by a passphrase: type it when asked, or set "
                    + "AGENTORCHESTR_KEY_PASSPHRASE");
        }
        byte[] bytes = new String(pass).getBytes(StandardCharsets.UTF_8);
        try {
            return OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob, bytes);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw AgentorchestrException.usage("cannot unlock " + file + ": wrong passphrase, or " + e.getMessage());
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
            java.util.Arrays.fill(pass, '\0');
        }
    }

    /** The openssh-key-v1 header names its cipher: "none" means not encrypted. */
    private static boolean encrypted(byte[] blob) {
        try {
            SshWire w = new SshWire(blob);
            w.raw("openssh-key-v1\0".length(), "magic");
            return !w.string("cipher").equals("none");
        } catch (SshWire.Malformed e) {
            return false;  // the parser says what is wrong with it
        }
    }
}
