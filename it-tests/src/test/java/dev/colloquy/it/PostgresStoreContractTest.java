package dev.colloquy.it;

import dev.colloquy.it.contract.StoreContract;

/** The store contract on a real PostgreSQL server (see TestDatabases for which one). */
@Fixtures.StoreOn("postgres")
class PostgresStoreContractTest implements StoreContract {}
