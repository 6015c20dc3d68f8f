package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing and trusting skills from the distribution, with a passphrase-protected key made by the real
 * ssh-keygen, and the trust store the product writes read back by {@code ssh-keygen -Y verify}.
 */
@Timeout(180)
class SkillSigningIT extends SandboxedRun {
    private final SystemProcessRunner runner = new SystemProcessRunner();

    @Test
    void aSkillIsSignedTrustedVerifiedByBothToolsCaughtWhenChangedAndUntrusted() throws Exception {
        Path skill = Files.createDirectories(dir.resolve("jwt-skill"));
        Files.writeString(skill.resolve("skill.toml"), "[skill]\nname = \"jwt\"\nversion = \"1.0.0\"\n");
        Files.writeString(skill.resolve("skill.md"), "Sign tokens with RS256.\n");
        Path key = dir.resolve("id_ed25519");
        ExecResult keygen = runner.run(ProcessSpec.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "s3cret phrase", "-C",
                "alice@example.com", "-f", key.toString()));
        assertEquals(0, keygen.exitCode(), "ssh-keygen (openssh-client) is needed: " + keygen.stderr());

        assertEquals(2, dist.run("--skill-sign", skill.toString()).exitCode(), "no --key");
        ExecResult locked = dist.run("--skill-sign", skill.toString(), "--key", key.toString());
        assertEquals(2, locked.exitCode(), locked.stderr());
        assertTrue(locked.stderr().contains("AGENTORCHESTR_KEY_PASSPHRASE"), locked.stderr());

        dist.withEnv("AGENTORCHESTR_KEY_PASSPHRASE", "s3cret phrase");
        ExecResult signed = dist.run("--skill-sign", skill.toString(), "--key", key.toString());
        assertEquals(0, signed.exitCode(), signed.stderr());
        assertEquals(skill.resolve("skill.sig").toString(), signed.stdout().strip());
        assertTrue(signed.stderr().contains("--trust-key"), signed.stderr());

        ExecResult untrusted = dist.run("--skill-verify", skill.toString());
        assertEquals(1, untrusted.exitCode());
        assertTrue(untrusted.stdout().startsWith("refused: untrusted"), untrusted.stdout());

        ExecResult trust = dist.run("--trust-key", key + ".pub", "--principal", "alice@example.com");
        assertEquals(0, trust.exitCode(), trust.stderr());
        Path store = dir.resolve("xdg/config/agentorchestr/allowed_signers");
        assertTrue(Files.readString(store).startsWith("alice@example.com namespaces=\"agentorchestr-skill\" "
                + "ssh-ed25519 "), Files.readString(store));

        ExecResult ok = dist.run("--skill-verify", skill.toString(), "--json");
        assertEquals(0, ok.exitCode(), ok.stdout());
        JsonNode v = json.readTree(ok.stdout());
        assertTrue(v.get("trusted").asBoolean());
        assertEquals("alice@example.com", v.get("signer").asText());

        ExecResult digest = dist.run("--skill-digest", skill.toString());
        Path digestFile = Files.writeString(dir.resolve("digest"), digest.stdout());
        ExecResult ssh = runner.run(ProcessSpec.of("sh", "-c", "ssh-keygen -Y verify -f \"$1\" -I alice@example.com "
                + "-n agentorchestr-skill -s \"$2\" < \"$3\"", "sh", store.toString(),
                skill.resolve("skill.sig").toString(), digestFile.toString()));
        assertEquals(0, ssh.exitCode(), ssh.stdout() + ssh.stderr());

        Files.writeString(skill.resolve("skill.md"), "Sign tokens with none.\n");
        ExecResult tampered = dist.run("--skill-verify", skill.toString());
        assertEquals(1, tampered.exitCode());
        assertTrue(tampered.stdout().startsWith("refused: tampered"), tampered.stdout());
        Files.writeString(skill.resolve("skill.md"), "Sign tokens with RS256.\n");

        assertEquals(0, dist.run("--untrust", "alice@example.com").exitCode());
        assertFalse(Files.readString(store).contains("alice@example.com"));
        assertEquals(1, dist.run("--skill-verify", skill.toString()).exitCode());
        ExecResult again = dist.run("--untrust", "alice@example.com");
        assertEquals(2, again.exitCode());
        assertTrue(again.stderr().contains("no key is trusted as 'alice@example.com'"), again.stderr());
    }
}
