package io.agentorchestr.core.store;

import io.agentorchestr.core.model.StateStore;

import java.nio.file.Path;

/** The store's contract through the fail-soft wrapper, which must change nothing while writes succeed. */
class FailSoftStoreContractTest extends StateStoreContract {
    @Override
    StateStore open(Path db) {
        return new FailSoftStore(SqliteStateStore.open(db), trouble -> {
            throw new AssertionError("no write should fail here: " + trouble);
        });
    }
}
