package io.agentorchestr.core.model;

/**
 * One question to a hosted model: {@code system} is the stable part (instructions; marked for prompt
 * caching where the provider has it), {@code prompt} the question, {@code maxTokens} the answer's limit.
 */
public record ModelRequest(String system, String prompt, int maxTokens) {
}
