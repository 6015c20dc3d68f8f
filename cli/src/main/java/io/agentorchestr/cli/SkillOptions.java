package io.agentorchestr.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options for signing and trusting skills. */
public final class SkillOptions {
    @Option(names = "--skill-sign", paramLabel = "DIR", order = 20, description = "Sign the skill in DIR with "
            + "--key (an OpenSSH ed25519 private key; a passphrase is asked for, or read from "
            + "AGENTORCHESTR_KEY_PASSPHRASE): writes DIR/skill.sig in ssh-keygen's SSHSIG format, namespace "
            + "agentorchestr-skill.")
    public Path sign;

    @Option(names = "--key", paramLabel = "PATH", order = 21, description = "With --skill-sign: the private key "
            + "(e.g. ~/.ssh/id_ed25519).")
    public Path key;

    @Option(names = "--skill-verify", paramLabel = "DIR", order = 22, description = "Check the skill in DIR: exit 0 "
            + "when it is signed by a key in your allowed_signers and unchanged since, 1 otherwise, with the reason.")
    public Path verify;

    @Option(names = "--skill-digest", paramLabel = "DIR", order = 23, description = "Print the text a skill's "
            + "signature covers (every file's path and SHA-256), to sign with ssh-keygen -Y sign -n "
            + "agentorchestr-skill.")
    public Path digest;

    @Option(names = "--trust-key", paramLabel = "PUBKEY", order = 24, description = "Trust skills signed by this "
            + "ed25519 public key (a .pub file or \"ssh-ed25519 AAAA...\") as --principal: added to "
            + "$XDG_CONFIG_HOME/agentorchestr/allowed_signers for the agentorchestr-skill namespace.")
    public String trustKey;

    @Option(names = "--principal", paramLabel = "NAME", order = 25, description = "With --trust-key: who the key "
            + "belongs to (e.g. alice@example.com).")
    public String principal;

    @Option(names = "--untrust", paramLabel = "NAME", order = 26, description = "Stop trusting the keys of NAME.")
    public String untrust;

    public boolean keyWithoutSign() {
        return key != null && sign == null;
    }

    public boolean principalWithoutKey() {
        return principal != null && trustKey == null;
    }
}
