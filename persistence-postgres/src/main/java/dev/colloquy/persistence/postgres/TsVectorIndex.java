package dev.colloquy.persistence.postgres;

import dev.colloquy.persistence.spi.BackendSearch;
import dev.colloquy.search.SearchSyntax;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * PostgreSQL's full-text index: {@code tsvector} columns generated from the stored, normalized
 * text, with GIN indexes on them.
 */
final class TsVectorIndex implements BackendSearch {

    @Override
    public SearchSyntax syntax() {
        return new TsQuerySyntax();
    }

    /** The indexes are generated columns, so they can only disagree if they were tampered with. */
    @Override
    public boolean indexConsistent(DataSource writer) throws SQLException {
        try (Connection connection = new MaintenanceDataSource(writer).getConnection();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT (SELECT count(*) FROM message"
                        + " WHERE search_vector IS DISTINCT FROM to_tsvector('simple', search_text))"
                        + " + (SELECT count(*) FROM conversation"
                        + " WHERE title_vector IS DISTINCT FROM to_tsvector('simple', search_title))")) {
            rows.next();
            return rows.getLong(1) == 0;
        }
    }

    /** Generated columns cannot drift from their text unless tampered with; recomputing them rewrites every row. */
    @Override
    public void rebuildIndex(DataSource writer) throws SQLException {
        try (Connection connection = new MaintenanceDataSource(writer).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE message SET search_text = search_text"
                    + " WHERE search_vector IS DISTINCT FROM to_tsvector('simple', search_text)");
            statement.execute("UPDATE conversation SET search_title = search_title"
                    + " WHERE title_vector IS DISTINCT FROM to_tsvector('simple', search_title)");
        }
    }
}
