package dev.colloquy.app.cli;

import dev.colloquy.transfer.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows a long command's progress on standard error: one line rewritten in place on a terminal
 * (rows, rows per second, ETA), plain lines every ten seconds and at the end of each step
 * otherwise, so that logs stay readable.
 */
final class ProgressPrinter implements Progress {

    static final Duration TERMINAL_INTERVAL = Duration.ofMillis(250);
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier nanos;
    private String step = "";
    private String table = "";
    private long total;
    private long started;
    private long lastShown;

    ProgressPrinter(PrintStream err, boolean terminal) {
        this(err, terminal, System::nanoTime);
    }

    ProgressPrinter(PrintStream err, boolean terminal, LongSupplier nanos) {
        this.err = err;
        this.terminal = terminal;
        this.nanos = nanos;
    }

    @Override
    public void begin(String step, String table, long total) {
        this.step = step;
        this.table = table;
        this.total = total;
        this.started = nanos.getAsLong();
        this.lastShown = started;
    }

    @Override
    public void advance(long done) {
        long now = nanos.getAsLong();
        Duration interval = terminal ? TERMINAL_INTERVAL : LOG_INTERVAL;
        if (now - lastShown < interval.toNanos()) {
            return;
        }
        lastShown = now;
        String line = line(done, now);
        if (terminal) {
            err.print("\r" + line + "\u001B[K");
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void end(long done) {
        long now = nanos.getAsLong();
        double seconds = Math.max((now - started) / 1e9, 1e-9);
        String line = String.format(
                Locale.ROOT, "%s %s: %,d rows in %.1f s (%,.0f rows/s)", step, table, done, seconds, done / seconds);
        err.println(terminal ? "\r" + line + "\u001B[K" : line);
        err.flush();
    }

    String line(long done, long now) {
        double seconds = Math.max((now - started) / 1e9, 1e-9);
        double rate = done / seconds;
        var text = new StringBuilder(String.format(Locale.ROOT, "%s %s: %,d", step, table, done));
        if (total >= 0) {
            text.append(String.format(Locale.ROOT, " of %,d rows", total));
        } else {
            text.append(" rows");
        }
        text.append(String.format(Locale.ROOT, ", %,.0f rows/s", rate));
        if (total > done && rate > 0) {
            long eta = Math.round((total - done) / rate);
            text.append(String.format(Locale.ROOT, ", ETA %d:%02d", eta / 60, eta % 60));
        }
        return text.toString();
    }
}
