package io.agentorchestr.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a message between agents is for. The meanings are what the agents read in the tools'
 * descriptions; {@link #control()} types change who does what, so one from or for an earlier
 * incarnation of an agent (a worker restarted since, a lead relaunched) is never delivered to a later one.
 */
public enum MessageType {
    QUESTION("a question the recipient should answer with an answer message (reply_to the question)", false),
    ANSWER("the answer to a question; reply_to must name the question", false),
    STATUS("where the sender stands: what is done, what it works on now", false),
    HANDOFF("work passed to the recipient to take over from here; acts only on the incarnation it was sent to",
            true),
    RESULT("a finished piece of work or research that is not merged as a branch: findings, numbers, a design",
            false),
    REVIEW("a review of someone's work: what is wrong, what to change, or approval", false),
    ESCALATION("a problem the sender cannot solve and the recipient (usually the lead) must decide on", false),
    NOTIFICATION("for information only; no reply expected", false);

    private final String meaning;
    private final boolean control;

    MessageType(String meaning, boolean control) {
        this.meaning = meaning;
        this.control = control;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String meaning() {
        return meaning;
    }

    public boolean control() {
        return control;
    }

    public static Optional<MessageType> find(String label) {
        return Arrays.stream(values()).filter(t -> t.label().equals(label == null ? "" : label.strip()
                .toLowerCase(Locale.ROOT))).findFirst();
    }

    /** "question, answer, ..." for error messages and tool descriptions. */
    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(MessageType::label).toList());
    }
}
