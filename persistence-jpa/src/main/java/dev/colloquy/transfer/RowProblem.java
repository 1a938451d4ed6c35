package dev.colloquy.transfer;

/**
 * A source row the target cannot accept.
 *
 * @param table the table it is in
 * @param key its key (an id, or two ids joined by a slash)
 * @param reason what is wrong with it
 * @param row the row's canonical encoding, so that a skipped row is never lost
 */
public record RowProblem(String table, String key, String reason, String row) {

    @Override
    public String toString() {
        return table + " " + key + ": " + reason;
    }
}
