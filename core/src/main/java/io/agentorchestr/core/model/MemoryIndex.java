package io.agentorchestr.core.model;

import java.util.List;

/**
 * Port for the full-text index over memory notes (Markdown files under memory directories). The
 * files are the truth; the index is a cache brought up to date from them before every search.
 */
public interface MemoryIndex extends AutoCloseable {
    /** Indexes what changed under {@code roots} since the last refresh, and forgets notes that are gone. */
    void refresh(List<MemoryRoot> roots);

    /**
     * Notes under {@code roots} matching any word of {@code query}, best first by bm25 (a title match
     * counts more than one in the body), at most {@code limit}.
     *
     * @return hits with {@code score} = bm25 relevance, not yet weighed by age
     */
    List<MemoryHit> search(String query, List<MemoryRoot> roots, int limit);

    @Override
    void close();
}
