package dev.colloquy.persistence.spi;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * How the two column types whose storage differs between databases travel through plain JDBC:
 * ids and instants. Copy, verification, export and import work below the mapping, one table row
 * at a time, and read and write every other column type (text, integers, booleans, JSON text)
 * the same way on every database.
 */
public interface ColumnCodec {

    void setId(PreparedStatement statement, int index, UUID id) throws SQLException;

    /** The id in a column, or a {@link SQLException} when the stored value is not one. */
    UUID getId(ResultSet rows, int index) throws SQLException;

    /** Binds an instant stored to the millisecond; {@code null} binds SQL NULL. */
    void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

    /** The instant in a column, or {@code null} for SQL NULL. */
    Instant getInstant(ResultSet rows, int index) throws SQLException;
}
