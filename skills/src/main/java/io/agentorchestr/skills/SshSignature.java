package io.agentorchestr.skills;

import io.agentorchestr.core.error.AgentorchestrException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * OpenSSH's SSHSIG signature (PROTOCOL.sshsig), the format of {@code ssh-keygen -Y sign}: the signer's
 * public key, a namespace, the hash algorithm (sha512 or sha256) and an ed25519 signature over
 * {@code "SSHSIG" || namespace || reserved || hash algorithm || H(message)}, armored in
 * {@code -----BEGIN SSH SIGNATURE-----} lines.
 */
record SshSignature(PublicKey signer, String namespace, String hashAlgorithm, byte[] signature) {
    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String END = "-----END SSH SIGNATURE-----";

    SshSignature {
        signature = signature.clone();
    }

    /** Signs {@code message} as ssh-keygen would, with sha512. */
    static SshSignature sign(byte[] message, String namespace, Ed25519PrivateKeyParameters key) {
        PublicKey signer = new PublicKey(key.generatePublicKey().getEncoded());
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        byte[] data = signedData(namespace, "sha512", hash("sha512", message));
        s.update(data, 0, data.length);
        return new SshSignature(signer, namespace, "sha512", s.generateSignature());
    }

    /** Whether this is a good signature of {@code message} by its signer. */
    boolean verifies(byte[] message) {
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, signer.parameters());
        byte[] data = signedData(namespace, hashAlgorithm, hash(hashAlgorithm, message));
        v.update(data, 0, data.length);
        return v.verifySignature(signature);
    }

    private static byte[] signedData(String namespace, String hashAlgorithm, byte[] digest) {
        return new SshWire.Out().raw(MAGIC).string(namespace).string("").string(hashAlgorithm).bytes(digest)
                .toBytes();
    }

    private static byte[] hash(String algorithm, byte[] message) {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The armored text, as ssh-keygen writes it (base64 in lines of 70, LF line ends). */
    String armored() {
        byte[] sig = new SshWire.Out().string(PublicKey.TYPE).bytes(signature).toBytes();
        byte[] blob = new SshWire.Out().raw(MAGIC).uint32(VERSION).bytes(signer.wire()).string(namespace).string("")
                .string(hashAlgorithm).bytes(sig).toBytes();
        String b64 = Base64.getEncoder().encodeToString(blob);
        StringBuilder s = new StringBuilder(BEGIN).append('\n');
        for (int i = 0; i < b64.length(); i += 70) {
            s.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
        }
        return s.append(END).append('\n').toString();
    }

    /** Reads an armored signature; anything else is refused with what is wrong with it. */
    static SshSignature parse(String text) {
        String t = text.strip();
        if (t.contains("\r")) {
            throw bad("it has CRLF line ends, which ssh-keygen refuses too; convert it to LF");
        }
        if (!t.startsWith(BEGIN) || !t.endsWith(END)) {
            throw bad("it is not between " + BEGIN + " and " + END + " lines");
        }
        String b64 = t.substring(BEGIN.length(), t.length() - END.length()).replaceAll("\\s", "");
        try {
            SshWire w = new SshWire(Base64.getDecoder().decode(b64));
            if (!java.util.Arrays.equals(w.raw(MAGIC.length, "magic"), MAGIC)) {
                throw bad("it does not start with SSHSIG");
            }
            int version = w.uint32("version");
            if (version != VERSION) {
                throw bad("its version is " + version + "; this reads version 1");
            }
            PublicKey signer = PublicKey.fromWire(w.bytes("public key"));
            String namespace = w.string("namespace");
            w.bytes("reserved field");
            String hashAlgorithm = w.string("hash algorithm");
            if (!hashAlgorithm.equals("sha512") && !hashAlgorithm.equals("sha256")) {
                throw bad("its hash algorithm is " + hashAlgorithm + "; SSHSIG allows sha512 and sha256");
            }
            SshWire sig = new SshWire(w.bytes("signature"));
            String type = sig.string("signature type");
            byte[] raw = sig.bytes("signature");
            if (!type.equals(PublicKey.TYPE) || raw.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
                throw bad("its signature is not an ed25519 signature");
            }
            return new SshSignature(signer, namespace, hashAlgorithm, raw);
        } catch (IllegalArgumentException e) {
            throw bad("its base64 is damaged");
        } catch (SshWire.Malformed e) {
            throw bad(e.getMessage());
        }
    }

    private static AgentorchestrException bad(String why) {
        return AgentorchestrException.usage("not a usable SSH signature: " + why);
    }
}
