package dev.colloquy.it;

import dev.colloquy.it.contract.StoreContract;

/** The store contract on a SQLite file. */
@Fixtures.StoreOn("sqlite")
class SqliteStoreContractTest implements StoreContract {}
