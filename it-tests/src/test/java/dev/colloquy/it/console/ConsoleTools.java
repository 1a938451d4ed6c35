package dev.colloquy.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the console's browser tests need on the machine: Node.js with npm, and Chromium. */
final class ConsoleTools {

    private ConsoleTools() {}

    /** Installs the tests' packages at the versions of their lockfile, once per checkout. */
    static synchronized void install(Path folder) throws IOException, InterruptedException {
        if (Files.isDirectory(folder.resolve("node_modules/playwright-core"))) {
            return;
        }
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("the console's browser tests need Node.js and npm on the PATH", e);
        }
        npm.getOutputStream().close();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(npm.exitValue()).as("npm ci in %s: %s", folder, out).isZero();
    }

    /** Debian's Chromium ({@code apt-get install chromium}), or the browser {@code CHROMIUM} names. */
    static Path chromium() {
        String named = System.getenv("CHROMIUM");
        Path browser = Path.of(named == null || named.isBlank() ? "/usr/bin/chromium" : named);
        if (!Files.isExecutable(browser)) {
            fail("the console's browser tests need Chromium at " + browser
                    + " (Debian: apt-get install chromium; .ci/run installs it), or CHROMIUM naming another");
        }
        return browser;
    }
}
