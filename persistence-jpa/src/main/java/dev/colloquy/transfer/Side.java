package dev.colloquy.transfer;

import dev.colloquy.persistence.Database;
import dev.colloquy.persistence.ReadOnlyDatabase;
import dev.colloquy.persistence.spi.ColumnCodec;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One end of a transfer: how to read it and, for a target, how to write it.
 *
 * @param description for reports, for example {@code <product> database at <location>}
 * @param codec how its ids and instants are bound and read
 * @param reader where rows are read
 * @param writer where rows are written; empty for a database opened read-only
 * @param searchIndex its full-text index, for a database that can be written
 */
public record Side(
        String description,
        ColumnCodec codec,
        DataSource reader,
        Optional<DataSource> writer,
        Optional<SearchIndex> searchIndex) {

    /** The full-text index of a target: checked after a copy, rebuilt when it disagrees. */
    public interface SearchIndex {
        boolean consistent();

        void rebuild();
    }

    public static Side of(ReadOnlyDatabase database) {
        var settings = database.settings();
        return new Side(
                settings.backend().productName() + " database at "
                        + settings.target().location(),
                settings.backend().connections().columns(),
                database.dataSources().reader(),
                Optional.empty(),
                Optional.empty());
    }

    public static Side of(Database database) {
        var settings = database.settings();
        return new Side(
                settings.backend().productName() + " database at "
                        + settings.target().location(),
                settings.backend().connections().columns(),
                database.dataSources().reader(),
                Optional.of(database.dataSources().writer()),
                Optional.of(new SearchIndex() {
                    @Override
                    public boolean consistent() {
                        return database.searchIndexConsistent();
                    }

                    @Override
                    public void rebuild() {
                        database.rebuildSearchIndex();
                    }
                }));
    }

    DataSource requireWriter() {
        return writer.orElseThrow(() -> new IllegalStateException(description + " is open read-only"));
    }
}
