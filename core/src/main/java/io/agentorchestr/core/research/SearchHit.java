package io.agentorchestr.core.research;

/** One result of a web search: a page's title, address and the engine's snippet of it. */
public record SearchHit(String title, String url, String snippet) {
}
