package dev.colloquy.persistence.sqlite;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells the pool to discard a SQLite connection after any error of SQLite's but a constraint
 * violation.
 *
 * <p>After a failed {@code BEGIN}, {@code COMMIT} or {@code ROLLBACK}, or an I/O, disk-full or
 * busy error that SQLite may answer by rolling back on its own, nobody knows whether the
 * connection is inside a transaction. sqlite-jdbc 3.54 makes it worse: it records auto-commit as
 * off before it runs {@code BEGIN}, so a {@code BEGIN} that failed on a held lock leaves a
 * connection that claims a transaction while every statement on it commits alone — writes stored
 * while the caller is told they failed, half a batch stored. A constraint violation undoes only
 * its own statement and leaves the transaction as it was; every other error costs a new
 * connection, which SQLite opens in about a millisecond.
 */
final class UnknownStateEviction implements SQLExceptionOverride {

    @java.lang.Override // Override alone is the interface's nested verdict type
    public Override adjudicate(SQLException error) {
        if (!(error instanceof SQLiteException sqlite)) {
            // The driver's own refusals ("not supported", "statement closed") never reached SQLite.
            return Override.CONTINUE_EVICT;
        }
        boolean constraint = (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
        return constraint ? Override.DO_NOT_EVICT : Override.MUST_EVICT;
    }
}
