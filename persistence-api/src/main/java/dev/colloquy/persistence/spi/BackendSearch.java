package dev.colloquy.persistence.spi;

import dev.colloquy.search.SearchSyntax;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A backend's full-text index: the query syntax it reads, and its check and rebuild. */
public interface BackendSearch {

    SearchSyntax syntax();

    /** Checks that the full-text index agrees with the messages it indexes. */
    boolean indexConsistent(DataSource writer) throws SQLException;

    /** Rebuilds the full-text indexes from the stored, normalized text. */
    void rebuildIndex(DataSource writer) throws SQLException;
}
