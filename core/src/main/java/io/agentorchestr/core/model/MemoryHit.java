package io.agentorchestr.core.model;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A note that matched a search.
 *
 * @param kind    topics, episodes, research, or notes (anything else in a memory directory)
 * @param snippet the words around the match
 * @param score   relevance with recency, higher is better (only comparable within one search)
 */
public record MemoryHit(Path file, String scope, String kind, String title, String snippet, double score,
                        Instant modified) {
}
