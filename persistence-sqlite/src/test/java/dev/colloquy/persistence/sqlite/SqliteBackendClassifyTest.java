package dev.colloquy.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.persistence.spi.Failure;
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
