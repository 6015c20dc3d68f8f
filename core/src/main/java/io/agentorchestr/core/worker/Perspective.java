package io.agentorchestr.core.worker;

import io.agentorchestr.core.model.MessageType;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A role a worker can take: what it does (its prompt's guide), which of the worker tools it may call
 * (empty: all), whether its branch is merged, and, for a role whose work is not merged, the message
 * type its outcome reaches the lead as. Built-in ones below; a project adds its own in config.toml
 * ({@link Perspectives}).
 *
 * @param tools    the worker tools it may call; empty for every worker tool
 * @param merged   whether merge_worker and verify take its branch into the integration branch
 * @param produces for a role that is not merged: the type of the message its summary is sent to the lead as
 */
public record Perspective(String label, String guide, List<String> tools, boolean merged, MessageType produces) {
    public static final Perspective IMPLEMENTER = new Perspective("implementer", "Make the change the task asks for "
            + "with the smallest diff that does it well. Edit only files the task needs (respect the file scope if one "
            + "is given). Add or update tests for what you change.", List.of(), true, null);
    public static final Perspective TESTER = new Perspective("tester", "Write tests: the success path and at least "
            + "one failure mode of what the task names. Edit test files only, unless a test cannot be written without "
            + "a tiny seam; say so if you add one.", List.of(), true, null);
    public static final Perspective REVIEWER = new Perspective("reviewer", "Review, do not rewrite. Report numbered "
            + "concerns, each with file:line, severity and a concrete fix. Do not edit source files; put the review in "
            + "REVIEW.md at the worktree root and commit it.", List.of(), false, MessageType.REVIEW);
    public static final Perspective SECURITY = new Perspective("security", "Look only at security: authentication, "
            + "authorization, injection, secrets, crypto, unsafe deserialization. Report numbered findings with "
            + "file:line and a fix; fix only what is clearly wrong.", List.of(), true, null);
    public static final Perspective PERFORMANCE = new Perspective("performance", "Look only at performance: N+1 "
            + "queries, quadratic loops, sync I/O on async paths, needless allocation. Measure or reason with numbers; "
            + "change code only where the gain is clear.", List.of(), true, null);
    public static final Perspective VERIFIER = new Perspective("verifier", "Run the FULL test suite and linters of "
            + "the project, no shortcuts. Fix nothing yourself; report exactly what passed and failed, with the "
            + "commands and their output tails.", List.of(), false, MessageType.RESULT);
    private static final String RESEARCHER_LABEL = "researcher";
    public static final Perspective RESEARCHER = new Perspective(RESEARCHER_LABEL, "Gather facts (docs, APIs, "
            + "versions) the task needs; web_research looks things up on the web, with sources, when the session "
            + "has a search backend. Produce no patches: write findings to RESEARCH.md at the worktree root, with "
            + "sources, and commit it.", List.of(), false, MessageType.RESULT);

    public static final List<Perspective> BUILT_IN = List.of(IMPLEMENTER, TESTER, REVIEWER, SECURITY, PERFORMANCE,
            VERIFIER, RESEARCHER);

    public Perspective {
        tools = List.copyOf(tools);
        if (!merged && produces == null) {
            throw new IllegalArgumentException(label + ": a role that is not merged needs the message type it produces");
        }
    }

    /**
     * Worker tools a role has only when its tools name them: web_research reaches outside the repository
     * (and may cost model calls), which an implementer does not need. The researcher has it by default.
     */
    public static final List<String> ON_REQUEST = List.of("web_research");

    /** Whether a worker of this role may call the worker tool {@code tool}. */
    public boolean allows(String tool) {
        if (!tools.isEmpty()) {
            return tools.contains(tool);
        }
        return !ON_REQUEST.contains(tool) || label.equals(RESEARCHER_LABEL);
    }

    /** What its prompt says about how its work reaches the team, for a role that is not merged. */
    public String outcomeNote() {
        return merged ? "" : "Your branch is not merged: your work reaches the lead as a " + produces.label()
                + " message, which is your report_done summary (and the files you commit, which the lead can read). "
                + "Make the summary complete.";
    }

    /** A built-in role by label (any case). */
    public static Optional<Perspective> find(String label) {
        return BUILT_IN.stream().filter(p -> p.label().equals(label == null ? "" : label.strip()
                .toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String labels() {
        return BUILT_IN.stream().map(Perspective::label).collect(Collectors.joining(", "));
    }
}
