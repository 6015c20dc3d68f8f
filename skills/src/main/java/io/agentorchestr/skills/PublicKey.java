package io.agentorchestr.skills;

import io.agentorchestr.core.error.AgentorchestrException;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * An OpenSSH ed25519 public key: its 32 bytes, as in {@code ssh-ed25519 AAAA... comment} lines,
 * signatures and allowed_signers files, with the fingerprint {@code ssh-keygen -l} shows.
 */
record PublicKey(byte[] key) {
    static final String TYPE = "ssh-ed25519";

    PublicKey {
        key = key.clone();
    }

    /** From {@code ssh-ed25519 AAAA...[ comment]}. */
    static PublicKey parseLine(String line) {
        String[] f = line.strip().split("\\s+");
        if (f.length < 2 || !f[0].equals(TYPE)) {
            throw AgentorchestrException.usage("not an OpenSSH ed25519 public key (\"ssh-ed25519 AAAA...\"): "
                    + (f.length == 0 ? "empty" : f[0].length() > 40 ? f[0].substring(0, 40) + "..." : f[0])
                    + "; skills are signed with ed25519 keys (ssh-keygen -t ed25519)");
        }
        try {
            return fromWire(Base64.getDecoder().decode(f[1]));
        } catch (IllegalArgumentException | SshWire.Malformed e) {
            throw AgentorchestrException.usage("the ssh-ed25519 key is damaged: " + e.getMessage());
        }
    }

    /** From the wire form: string "ssh-ed25519", string key. */
    static PublicKey fromWire(byte[] wire) throws SshWire.Malformed {
        SshWire w = new SshWire(wire);
        String type = w.string("key type");
        if (!type.equals(TYPE)) {
            throw new SshWire.Malformed("its key is " + type + ", not " + TYPE);
        }
        byte[] key = w.bytes("key");
        if (key.length != Ed25519PublicKeyParameters.KEY_SIZE || !w.done()) {
            throw new SshWire.Malformed("its ed25519 key is not 32 bytes");
        }
        return new PublicKey(key);
    }

    byte[] wire() {
        return new SshWire.Out().string(TYPE).bytes(key).toBytes();
    }

    Ed25519PublicKeyParameters parameters() {
        return new Ed25519PublicKeyParameters(key, 0);
    }

    /** {@code ssh-ed25519 AAAA...}, as in authorized_keys and allowed_signers. */
    String line() {
        return TYPE + " " + Base64.getEncoder().encodeToString(wire());
    }

    /** {@code SHA256:...}, as {@code ssh-keygen -l} prints it. */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(wire());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey p && Arrays.equals(key, p.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return fingerprint();
    }
}
