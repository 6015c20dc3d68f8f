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

    @Option(names = "--skill-verify", paramLabel = "SKILL", order = 22, description = "Check an installed skill "
            + "(by name) or a skill directory: exit 0 when it is signed by a key in your allowed_signers and "
            + "unchanged since, 1 otherwise, with the reason.")
    public String verify;

    @Option(names = "--skill-add", paramLabel = "SOURCE", order = 27, description = "Install a skill from git: "
            + "https://host/owner/repo, git@host:owner/repo, host/owner/repo, a local path or file://... It is "
            + "cloned at a pinned commit into $XDG_DATA_HOME/agentorchestr/skills (or the project's "
            + ".agentorchestr/skills with --project), after its skill.toml and signature are checked.")
    public String add;

    @Option(names = "--ref", paramLabel = "REF", order = 28, description = "With --skill-add: the branch, tag or "
            + "commit to install (default: the repository's HEAD); --skill-update follows it.")
    public String ref;

    @Option(names = "--skill-list", order = 29, description = "List installed skills: name, version, scope, source, "
            + "commit, signer, whether it is trusted and why.")
    public boolean list;

    @Option(names = "--skill-update", paramLabel = "NAME", order = 30, description = "Fetch a skill's ref, show what "
            + "changed, check it again, and move to it (a refused update changes nothing).")
    public String update;

    @Option(names = "--skill-remove", paramLabel = "NAME", order = 31, description = "Uninstall a skill.")
    public String remove;

    @Option(names = "--require-signed-skills", order = 32, description = "Refuse skills that are unsigned, signed by "
            + "a key not in your allowed_signers, or changed since they were signed (also [skills] require_signed "
            + "= true in .agentorchestr/config.toml). A signed skill whose signature fails is refused always.")
    public boolean requireSigned;

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
}
