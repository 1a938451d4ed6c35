package dev.colloquy.persistence.postgres;

import dev.colloquy.persistence.spi.ColumnCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Ids are {@code uuid}; instants {@code timestamptz}, which keeps microseconds, so they are cut to milliseconds. */
final class PostgresColumns implements ColumnCodec {

    @Override
    public void setId(PreparedStatement statement, int index, UUID id) throws SQLException {
        statement.setObject(index, id);
    }

    @Override
    public UUID getId(ResultSet rows, int index) throws SQLException {
        UUID id = rows.getObject(index, UUID.class);
        if (id == null) {
            throw new SQLException("column " + rows.getMetaData().getColumnName(index) + " holds NULL, not an id");
        }
        return id;
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(
                    index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
        }
    }

    @Override
    public Instant getInstant(ResultSet rows, int index) throws SQLException {
        OffsetDateTime value = rows.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant().truncatedTo(ChronoUnit.MILLIS);
    }
}
