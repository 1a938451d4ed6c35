package dev.colloquy.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.persistence.spi.Failure;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** What SQLite's errors mean to the application. */
class SqliteBackendClassifyTest {

    private final SqliteBackend backend = new SqliteBackend();

    private Failure classify(SQLiteErrorCode code) {
        return backend.classify(new SQLiteException(code.message, code));
    }

    @Test
    void lockErrorsAreRetryableBusyness() {
        for (SQLiteErrorCode code : new SQLiteErrorCode[] {
            SQLiteErrorCode.SQLITE_BUSY,
            SQLiteErrorCode.SQLITE_LOCKED,
            SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT,
            SQLiteErrorCode.SQLITE_BUSY_RECOVERY,
            SQLiteErrorCode.SQLITE_BUSY_TIMEOUT
        }) {
            assertThat(classify(code)).as(code.name()).isEqualTo(Failure.BUSY);
            assertThat(classify(code).isRetryable()).isTrue();
        }
        // No pooled connection in time is overload, not a lock: it is answered, not run again.
        assertThat(backend.classify(new SQLTransientConnectionException("writer taken")))
                .isEqualTo(Failure.OVERLOADED);
        assertThat(Failure.OVERLOADED.isRetryable()).isFalse();
    }

    @Test
    void constraintAndFileErrorsKeepTheirMeaning() {
        assertThat(classify(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)).isEqualTo(Failure.UNIQUE_VIOLATION);
        assertThat(classify(SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)).isEqualTo(Failure.UNIQUE_VIOLATION);
        assertThat(classify(SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY)).isEqualTo(Failure.FOREIGN_KEY_VIOLATION);
        assertThat(classify(SQLiteErrorCode.SQLITE_CANTOPEN)).isEqualTo(Failure.CONNECTION);
        // Storage that cannot be written, whatever the extended code says: 503, not 500.
        assertThat(classify(SQLiteErrorCode.SQLITE_FULL)).isEqualTo(Failure.STORAGE);
        assertThat(classify(SQLiteErrorCode.SQLITE_IOERR)).isEqualTo(Failure.STORAGE);
        assertThat(classify(SQLiteErrorCode.SQLITE_IOERR_WRITE)).isEqualTo(Failure.STORAGE);
        assertThat(classify(SQLiteErrorCode.SQLITE_IOERR_FSYNC)).isEqualTo(Failure.STORAGE);
        assertThat(Failure.STORAGE.isRetryable()).isFalse();
        assertThat(classify(SQLiteErrorCode.SQLITE_READONLY_DBMOVED)).isEqualTo(Failure.READ_ONLY);
        assertThat(classify(SQLiteErrorCode.SQLITE_READONLY)).isEqualTo(Failure.READ_ONLY);
        assertThat(classify(SQLiteErrorCode.SQLITE_READONLY_DIRECTORY)).isEqualTo(Failure.READ_ONLY);
        assertThat(classify(SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK)).isEqualTo(Failure.OTHER);
        assertThat(backend.classify(new SQLException("not from SQLite"))).isEqualTo(Failure.OTHER);
    }

    /**
     * Behind an application server's data source the driver is the server's module: its
     * exceptions are another class loader's {@code SQLiteException}, classified by their code's name.
     */
    @Test
    void errorsOfADriverLoadedElsewhereAreClassifiedAlike() throws Exception {
        URL driverJar =
                SQLiteException.class.getProtectionDomain().getCodeSource().getLocation();
        try (var elsewhere = new URLClassLoader(new URL[] {driverJar}, ClassLoader.getPlatformClassLoader())) {
            Class<?> codes = elsewhere.loadClass("org.sqlite.SQLiteErrorCode");
            Class<?> exception = elsewhere.loadClass("org.sqlite.SQLiteException");
            assertThat(exception).isNotSameAs(SQLiteException.class);
            for (var expected : new Object[][] {
                {"SQLITE_CONSTRAINT_UNIQUE", Failure.UNIQUE_VIOLATION},
                {"SQLITE_CONSTRAINT_FOREIGNKEY", Failure.FOREIGN_KEY_VIOLATION},
                {"SQLITE_BUSY_SNAPSHOT", Failure.BUSY},
                {"SQLITE_IOERR_WRITE", Failure.STORAGE},
                {"SQLITE_CONSTRAINT_CHECK", Failure.OTHER}
            }) {
                Object code = codes.getField((String) expected[0]).get(null);
                var error = (SQLException) exception
                        .getConstructor(String.class, codes)
                        .newInstance("[" + expected[0] + "] as the driver writes it", code);
                assertThat(backend.classify(error)).as((String) expected[0]).isEqualTo(expected[1]);
            }
        }
    }

    @Test
    void theBackendDescribesItself() {
        assertThat(backend.name()).isEqualTo("sqlite");
        assertThat(backend.isDefault()).isTrue();
        assertThat(backend.connections().claims("sqlite:x.db")).isTrue();
        assertThat(backend.connections().claims("postgres://h/db")).isFalse();
        assertThat(backend.connections().urlForms()).contains("sqlite:///:memory:", "sqlite:////absolute/path.db");
        assertThat(backend.connections().settings()).containsOnlyKeys(SqliteBackend.DATABASE_PATH);
    }
}
