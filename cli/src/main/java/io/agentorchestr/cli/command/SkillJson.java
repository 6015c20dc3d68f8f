package io.agentorchestr.cli.command;

import io.agentorchestr.skills.InstalledSkill;

import java.util.LinkedHashMap;
import java.util.Map;

/** An installed skill as JSON ({@code --skill-list --json}, and the result of add and update). */
final class SkillJson {
    private SkillJson() {
    }

    static Map<String, Object> of(InstalledSkill s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.manifest().name());
        m.put("version", s.manifest().version());
        m.put("scope", s.scope());
        m.put("overridden", s.overridden());
        m.put("source", s.source());
        m.put("ref", s.ref());
        m.put("commit", s.commit());
        m.put("signed", s.signature().signed());
        m.put("signer", s.signature().signer());
        m.put("fingerprint", s.signature().fingerprint());
        m.put("trusted", s.signature().ok());
        m.put("why", s.signature().reason());
        m.put("description", s.manifest().description());
        m.put("keywords", s.manifest().keywords());
        m.put("file_globs", s.manifest().fileGlobs());
        m.put("dir", s.dir().toString());
        return m;
    }
}
