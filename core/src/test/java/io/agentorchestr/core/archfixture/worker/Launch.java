package io.agentorchestr.core.archfixture.worker;

import io.agentorchestr.core.archfixture.store.Rows;

/** The other half of the fixture's cycle. */
public final class Launch {
    public String saved(Rows rows) {
        return rows.of(this);
    }
}
