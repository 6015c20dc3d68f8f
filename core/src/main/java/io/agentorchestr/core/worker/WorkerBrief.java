package io.agentorchestr.core.worker;

import java.util.List;

/**
 * What a worker is asked to do, beyond its task: its perspective, the files it should stay within,
 * how its work will be judged, context the lead wants it to have, the skills that match its task, and
 * the session's preamble (project context, the same for every worker) and the notes from memory
 * that match its task.
 */
public record WorkerBrief(String task, Perspective perspective, List<String> fileScope, String passCriteria,
                          String extraContext, List<SkillCatalog.Skill> skills, String preamble, String memory) {
    public WorkerBrief {
        fileScope = fileScope == null ? List.of() : List.copyOf(fileScope);
        skills = skills == null ? List.of() : List.copyOf(skills);
        preamble = preamble == null ? "" : preamble;
        memory = memory == null ? "" : memory;
    }

    public WorkerBrief(String task, Perspective perspective, List<String> fileScope, String passCriteria,
                       String extraContext, List<SkillCatalog.Skill> skills) {
        this(task, perspective, fileScope, passCriteria, extraContext, skills, "", "");
    }

    public WorkerBrief(String task, Perspective perspective, List<String> fileScope, String passCriteria,
                       String extraContext) {
        this(task, perspective, fileScope, passCriteria, extraContext, List.of());
    }

    public static WorkerBrief of(String task, Perspective perspective) {
        return new WorkerBrief(task, perspective, List.of(), null, null);
    }

    public WorkerBrief withSkills(List<SkillCatalog.Skill> given) {
        return new WorkerBrief(task, perspective, fileScope, passCriteria, extraContext, given, preamble, memory);
    }

    /** The project context every prompt of the session starts with (see core.context.Preamble). */
    public WorkerBrief withPreamble(String text) {
        return new WorkerBrief(task, perspective, fileScope, passCriteria, extraContext, skills, text, memory);
    }

    /** The notes from memory that match the task, as a prompt section (empty for none). */
    public WorkerBrief withMemory(String notes) {
        return new WorkerBrief(task, perspective, fileScope, passCriteria, extraContext, skills, preamble, notes);
    }
}
