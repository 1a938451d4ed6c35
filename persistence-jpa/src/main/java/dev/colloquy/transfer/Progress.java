package dev.colloquy.transfer;

/** Told how far a long transfer step has come, to show it to people. */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void begin(String step, String table, long total) {}

        @Override
        public void advance(long done) {}

        @Override
        public void end(long done) {}
    };

    /** A step over one table begins; {@code total} rows are expected, or -1 when unknown. */
    void begin(String step, String table, long total);

    /** {@code done} rows of the current step are through. */
    void advance(long done);

    /** The current step ended after {@code done} rows. */
    void end(long done);
}
