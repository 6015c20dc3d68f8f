package io.agentorchestr.core.model;

/** A hosted model's answer and what it cost in tokens, with who gave it. */
public record ModelReply(String text, String provider, String model, long inputTokens, long outputTokens) {
}
