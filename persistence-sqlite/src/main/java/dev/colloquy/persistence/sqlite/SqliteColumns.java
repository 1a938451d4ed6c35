package dev.colloquy.persistence.sqlite;

import dev.colloquy.persistence.spi.ColumnCodec;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

/** Ids are 16-byte BLOBs (big-endian, as Hibernate writes them); instants INTEGER epoch milliseconds. */
final class SqliteColumns implements ColumnCodec {

    @Override
    public void setId(PreparedStatement statement, int index, UUID id) throws SQLException {
        statement.setBytes(
                index,
                ByteBuffer.allocate(16)
                        .putLong(id.getMostSignificantBits())
                        .putLong(id.getLeastSignificantBits())
                        .array());
    }

    @Override
    public UUID getId(ResultSet rows, int index) throws SQLException {
        byte[] bytes = rows.getBytes(index);
        if (bytes == null || bytes.length != 16) {
            throw new SQLException("column " + rows.getMetaData().getColumnName(index) + " holds "
                    + (bytes == null ? "NULL" : bytes.length + " bytes") + ", not a 16-byte id");
        }
        var buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, instant.toEpochMilli());
        }
    }

    @Override
    public Instant getInstant(ResultSet rows, int index) throws SQLException {
        long millis = rows.getLong(index);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
