package io.agentorchestr.core.worker;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The roles a worker can take; each adds to its prompt what it does, what it may edit and what to report. */
public enum Perspective {
    IMPLEMENTER("Make the change the task asks for with the smallest diff that does it well. Edit only files the "
            + "task needs (respect the file scope if one is given). Add or update tests for what you change."),
    TESTER("Write tests: the success path and at least one failure mode of what the task names. Edit test files "
            + "only, unless a test cannot be written without a tiny seam; say so if you add one."),
    REVIEWER("Review, do not rewrite. Report numbered concerns, each with file:line, severity and a concrete fix. "
            + "Do not edit source files; put the review in REVIEW.md at the worktree root and commit it."),
    SECURITY("Look only at security: authentication, authorization, injection, secrets, crypto, unsafe "
            + "deserialization. Report numbered findings with file:line and a fix; fix only what is clearly wrong."),
    PERFORMANCE("Look only at performance: N+1 queries, quadratic loops, sync I/O on async paths, needless "
            + "allocation. Measure or reason with numbers; change code only where the gain is clear."),
    VERIFIER("Run the FULL test suite and linters of the project, no shortcuts. Fix nothing yourself; report exactly "
            + "what passed and failed, with the commands and their output tails."),
    RESEARCHER("Gather facts (docs, APIs, versions) the task needs. Produce no patches: write findings to "
            + "RESEARCH.md at the worktree root, with sources, and commit it.");

    private final String guide;

    Perspective(String guide) {
        this.guide = guide;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String guide() {
        return guide;
    }

    public static Optional<Perspective> find(String label) {
        return Arrays.stream(values()).filter(p -> p.label().equalsIgnoreCase(label == null ? "" : label.strip()))
                .findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(Perspective::label).collect(Collectors.joining(", "));
    }
}
