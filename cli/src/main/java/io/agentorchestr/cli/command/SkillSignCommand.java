package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.skills.SkillSignatures;
import picocli.CommandLine.Model.CommandSpec;

import java.io.Console;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --skill-sign DIR --key PATH}: writes DIR/skill.sig. */
public final class SkillSignCommand extends ModeCommand {
    private final Path dir;
    private final Path key;

    public SkillSignCommand(CliContext context, CommandSpec spec, CommonOptions common, Path dir, Path key) {
        super(context, spec, common);
        this.dir = dir;
        this.key = key;
    }

    @Override
    public Integer call() {
        if (key == null) {
            throw AgentorchestrException.usage("--skill-sign needs --key PATH: your OpenSSH ed25519 private key "
                    + "(e.g. --key ~/.ssh/id_ed25519)");
        }
        SkillSignatures signatures = SkillTrust.signatures(context);
        SkillSignatures.Signed s = signatures.sign(dir, key, this::passphrase);
        if (common.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("signature", s.signature().toString());
            m.put("fingerprint", s.fingerprint());
            m.put("trusted_as", s.trustedAs().orElse(null));
            Json.print(out(), m);
        } else {
            out().println(s.signature());
            out().flush();
        }
        progress("signed " + dir + " with " + s.fingerprint() + s.trustedAs().map(p -> " (trusted here as " + p + ")")
                .orElse("; this key is not in " + signatures.trustStore() + ": others verify it after --trust-key "
                        + key + ".pub --principal NAME"));
        return 0;
    }

    /** AGENTORCHESTR_KEY_PASSPHRASE, else asked on the terminal (only when the key needs one). */
    private char[] passphrase() {
        String env = context.env().get("AGENTORCHESTR_KEY_PASSPHRASE");
        if (env != null) {
            return env.toCharArray();
        }
        Console console = System.console();
        return console == null ? null : console.readPassword("passphrase for %s: ", key);
    }
}
