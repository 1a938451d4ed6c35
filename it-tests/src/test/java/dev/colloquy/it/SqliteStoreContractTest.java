package dev.colloquy.it;

import dev.colloquy.it.contract.StoreContract;
import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.DatabaseSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a SQLite file. */
class SqliteStoreContractTest implements StoreContract {

    private static BackendFixture fixture;

    @BeforeAll
    static void open() {
        fixture = new BackendFixture("sqlite");
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
        return TestDatabases.fresh("sqlite");
    }
}
