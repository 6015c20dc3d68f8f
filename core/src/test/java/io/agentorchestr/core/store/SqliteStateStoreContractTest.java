package io.agentorchestr.core.store;

import io.agentorchestr.core.model.StateStore;

import java.nio.file.Path;

/** The store's contract on SQLite itself. */
class SqliteStateStoreContractTest extends StateStoreContract {
    @Override
    StateStore open(Path db) {
        return SqliteStateStore.open(db);
    }
}
