package dev.colloquy.it;

import dev.colloquy.it.contract.StoreContract;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real PostgreSQL server (see TestDatabases for which one). */
class PostgresStoreContractTest implements StoreContract {

    private static BackendFixture fixture;

    @BeforeAll
    static void open() {
        fixture = new BackendFixture("postgres");
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Override
    public Database database() {
        return fixture.database();
    }

    @Override
    public TestClock clock() {
        return fixture.clock();
    }

    @Override
    public DatabaseSettings freshSettings() {
        return TestDatabases.fresh("postgres");
    }
}
