package dev.colloquy.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/colloquy runs the packaged JAR (app/target/colloquy.jar, built before these tests run). */
class LauncherTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Process launch(Path directory, String... args) throws Exception {
        var command = new ArrayList<String>();
        command.add(ROOT.resolve("bin/colloquy").toString());
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().remove("DATABASE_URL");
        builder.environment()
                .put(
                        "PATH",
                        Path.of(System.getProperty("java.home"), "bin")
                                + File.pathSeparator
                                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return builder.start();
    }

    @Test
    void theLauncherRunsThePackagedJar(@TempDir Path directory) throws Exception {
        assertThat(ROOT.resolve("app/target/colloquy.jar")).exists();
        // The build records it on Unix-like systems (the profile class-data-sharing); a build that
        // could not would only say so, so the build's own test insists on it.
        assertThat(ROOT.resolve("app/target/colloquy.jsa"))
                .as("the class-data-sharing archive bin/colloquy starts the JVM with")
                .isNotEmptyFile();
        Process help = launch(directory, "--help");
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("Usage: colloquy");
        assertThat(help.exitValue()).isZero();

        Process check = launch(
                directory, "check", "--database-path", directory.resolve("c.db").toString());
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output)
                .contains("Using SQLite database at " + directory.resolve("c.db"))
                .contains("Not ready: the SQLite file " + directory.resolve("c.db") + " does not exist");
        assertThat(check.exitValue()).isEqualTo(3);
        assertThat(directory.resolve("c.db")).as("check creates nothing").doesNotExist();
    }
}
