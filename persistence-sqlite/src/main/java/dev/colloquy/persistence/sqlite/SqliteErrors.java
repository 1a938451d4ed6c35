package dev.colloquy.persistence.sqlite;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite result code of an error. The driver's own exception carries it; so does one thrown
 * by a copy of the driver that another class loader loaded (an application server's driver
 * module, behind its data source), whose message starts with the code's name.
 */
final class SqliteErrors {

    private static final Pattern CODE = Pattern.compile("^\\[(SQLITE_[A-Z_]+)]");

    private SqliteErrors() {}

    static Optional<SQLiteErrorCode> resultCode(SQLException error) {
        if (error instanceof SQLiteException sqlite) {
            return Optional.of(sqlite.getResultCode());
        }
        if (!error.getClass().getName().equals(SQLiteException.class.getName()) || error.getMessage() == null) {
            return Optional.empty();
        }
        var name = CODE.matcher(error.getMessage());
        if (!name.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SQLiteErrorCode.valueOf(name.group(1)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
