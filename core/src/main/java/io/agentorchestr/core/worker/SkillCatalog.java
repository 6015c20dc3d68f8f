package io.agentorchestr.core.worker;

import java.nio.file.Path;
import java.util.List;

/**
 * Port to the installed skills: which go into a worker's prompt, and what the lead is told is there.
 * The adapter (module skills) reads them from disk and judges their signatures.
 */
public interface SkillCatalog {

    /** No skills: a session without any, or a caller that does not use them. */
    SkillCatalog NONE = new SkillCatalog() {
        @Override
        public Selection select(String task, List<String> fileScope, Path repo, List<String> choices) {
            if (!choices.isEmpty()) {
                throw new IllegalArgumentException("no skills are installed; --skill-list shows them");
            }
            return new Selection(List.of(), List.of());
        }

        @Override
        public List<String> available() {
            return List.of();
        }

        @Override
        public List<String> refused() {
            return List.of();
        }
    };

    /** A skill as a worker gets it. */
    record Skill(String name, String version, String text) {
    }

    /** What a worker gets, and notes on what it does not get and why (over budget, untrusted). */
    record Selection(List<Skill> skills, List<String> notes) {
        public Selection {
            skills = List.copyOf(skills);
            notes = List.copyOf(notes);
        }

        public List<String> names() {
            return skills.stream().map(Skill::name).toList();
        }
    }

    /**
     * The skills for a worker: those whose keywords occur in {@code task} or whose globs match
     * {@code fileScope} (with no scope, files of {@code repo}), most specific first, within a size
     * budget. {@code choices} names skills to force ({@code jwt}) or leave out ({@code -jwt}).
     *
     * @throws IllegalArgumentException for a choice that names no installed skill
     */
    Selection select(String task, List<String> fileScope, Path repo, List<String> choices);

    /** One line per usable skill (name, version, description, triggers), for the lead's prompt. */
    List<String> available();

    /**
     * One line per installed skill that no worker will get, and why (tampered, or not signed by a trusted
     * key where signatures are required): a security event the user must see, not only the event log.
     */
    List<String> refused();
}
