package io.agentorchestr.core.research;

/** A page read for web_research: where it ended up (after redirects), its title and its readable text. */
public record Page(String url, String title, String text) {
}
