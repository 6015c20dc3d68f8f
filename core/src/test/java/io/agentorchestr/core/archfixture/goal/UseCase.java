package io.agentorchestr.core.archfixture.goal;

/** The use case the fixture's model record should never know. */
public final class UseCase {
    public String name() {
        return "use case";
    }
}
