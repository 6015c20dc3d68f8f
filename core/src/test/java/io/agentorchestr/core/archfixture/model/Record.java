package io.agentorchestr.core.archfixture.model;

import io.agentorchestr.core.archfixture.goal.UseCase;

/** Breaks the layers on purpose: a model record that reaches up into a use case. */
public record Record(String id) {
    public String describe() {
        return new UseCase().name() + id;
    }
}
