package dev.colloquy.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private final AtomicLong now = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private ProgressPrinter printer(boolean terminal) {
        return new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, now::get);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalOneLineIsRewrittenWithRateAndEta() {
        var progress = printer(true);
        progress.begin("copy", "message", 1000);
        now.set(100_000_000L); // 0.1 s: too soon to redraw
        progress.advance(50);
        assertThat(output()).isEmpty();
        now.set(1_000_000_000L);
        progress.advance(250);
        assertThat(output())
                .startsWith("\rcopy message: 250 of 1,000 rows, 250 rows/s, ETA 0:03")
                .doesNotContain("\n");
        now.set(4_000_000_000L);
        progress.end(1000);
        assertThat(output())
                .endsWith("\rcopy message: 1,000 rows in 4.0 s (250 rows/s)\u001B[K" + System.lineSeparator());
    }

    @Test
    void offATerminalPlainLinesComeEveryTenSecondsAndAtTheEnd() {
        var progress = printer(false);
        progress.begin("import", "lines", -1);
        now.set(5_000_000_000L);
        progress.advance(500);
        assertThat(output()).isEmpty();
        now.set(10_000_000_000L);
        progress.advance(1000);
        now.set(20_000_000_000L);
        progress.end(3000);
        assertThat(output().lines().toList())
                .containsExactly(
                        "import lines: 1,000 rows, 100 rows/s", "import lines: 3,000 rows in 20.0 s (150 rows/s)");
    }
}
