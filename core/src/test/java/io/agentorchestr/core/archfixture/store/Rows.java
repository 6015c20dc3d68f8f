package io.agentorchestr.core.archfixture.store;

import io.agentorchestr.core.archfixture.worker.Launch;

/** Half of a cycle on purpose: the store reaches a part that reaches the store. */
public final class Rows {
    public String of(Launch launch) {
        return launch.toString() + org.tomlj.Toml.class.getSimpleName();
    }
}
