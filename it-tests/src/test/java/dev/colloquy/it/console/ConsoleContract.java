package dev.colloquy.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.colloquy.it.Fixtures;
import dev.colloquy.it.api.ServerContract;
import dev.colloquy.it.cli.LogCapture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The web console in a real browser: {@code src/test/console/console.test.mjs} drives Debian's
 * Chromium with playwright-core (pinned in that folder's package-lock.json) against the running
 * server of this class's backend. Every one of its tests must pass and none may be skipped; the
 * browser and Node.js are required, never optional (a missing one fails the build, naming it).
 * The screenshots land in {@code target/console-screenshots/<backend>/}.
 */
public interface ConsoleContract extends ServerContract {

    Path TESTS = Path.of("src/test/console").toAbsolutePath();
    Pattern COUNT = Pattern.compile("(?m)^\\S+ (tests|pass|fail|skipped|todo|cancelled) (\\d+)$");

    @Test
    default void theConsoleWorksInARealBrowser() throws Exception {
        ConsoleTools.install(TESTS);
        Path chromium = ConsoleTools.chromium();
        String backend = getClass().getAnnotation(Fixtures.ServerOn.class).value();
        Path shots = Path.of("target/console-screenshots", backend).toAbsolutePath();
        Path secrets = Files.createTempFile("console-secrets", ".txt");
        String base = server().api().base().toString();

        var process = new ProcessBuilder("node", "--test", "--test-reporter=spec", "console.test.mjs")
                .directory(TESTS.toFile())
                .redirectErrorStream(true);
        process.environment()
                .putAll(Map.of(
                        "COLLOQUY_URL", base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
                        "COLLOQUY_ADMIN_TOKEN", server().adminToken(),
                        "CONSOLE_SCREENSHOTS", shots.toString(),
                        "CONSOLE_SECRETS", secrets.toString(),
                        "CHROMIUM", chromium.toString()));
        // Everything the server logs at INFO and above while the browser works, access lines included.
        var log = new ByteArrayOutputStream();
        var root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        root.setLevel(Level.INFO);
        var capture = LogCapture.attach(log);
        Process running = process.start();
        byte[] out;
        try {
            running.getOutputStream().close();
            out = running.getInputStream().readAllBytes();
            assertThat(running.waitFor(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            LogCapture.detach(capture);
            root.setLevel(before);
        }
        String report = new String(out, StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(running.exitValue()).as(report).isZero();
        var counts = new HashMap<String, Integer>();
        Matcher m = COUNT.matcher(report);
        while (m.find()) {
            counts.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertThat(counts)
                .as(report)
                .containsEntry("fail", 0)
                .containsEntry("skipped", 0)
                .containsEntry("todo", 0);
        assertThat(counts.get("tests")).as(report).isGreaterThanOrEqualTo(13).isEqualTo(counts.get("pass"));
        for (String shot :
                List.of("sign-in", "conversations", "transcript", "search", "project-tokens", "phone-transcript")) {
            assertThat(shots.resolve(shot + ".png")).as("screenshot " + shot).isNotEmptyFile();
        }

        // No token the browser used — the admin's, the project's, those made in the console —
        // reached the server's log.
        List<String> used =
                Files.readAllLines(secrets).stream().filter(s -> !s.isBlank()).toList();
        assertThat(used).hasSizeGreaterThanOrEqualTo(4);
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("/v1/conversations"); // the log is the one the requests went to
        for (String secret : used) {
            assertThat(logged).doesNotContain(secret);
        }
        Files.deleteIfExists(secrets);
    }
}
