package io.agentorchestr.core.model;

import java.util.Locale;

/** What agentorchestr asks a hosted model for itself: each class has its own models and order of providers. */
public enum ModelTask {
    /** Drafting a plan from a goal: the strongest model. */
    PLAN,
    /** Briefs of a session for compaction: a fast, cheap one. */
    COMPRESS,
    /** Summarising fetched pages with citations: a long context. */
    RESEARCH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
