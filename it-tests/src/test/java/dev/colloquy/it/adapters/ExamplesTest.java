package dev.colloquy.it.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colloquy.it.api.ServerFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two example applications (examples/, packaged by the build before this suite runs) keep
 * their conversation across a restart of their own JVM: each runs twice as a new process against
 * a real server, and the second run's answer shows the first run's message.
 */
class ExamplesTest {

    static ServerFixture server;
    static String token;

    @BeforeAll
    static void start() {
        server = new ServerFixture("sqlite");
        var project = server.api()
                .post("/v1/projects", server.adminToken(), "{\"name\":\"examples-" + UUID.randomUUID() + "\"}");
        token = server.api()
                .post(
                        "/v1/projects/" + project.json().get("id").asText() + "/tokens",
                        server.adminToken(),
                        "{\"name\":\"examples\"}")
                .json()
                .get("secret")
                .asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Run(int code, String out, String err) {}

    static Run run(String example, String mainClass, String user, String said)
            throws IOException, InterruptedException {
        Path module = Path.of("..", "examples", example).toAbsolutePath().normalize();
        Path classpathFile = module.resolve("target/classpath.txt");
        assertThat(classpathFile)
                .as("the build packages %s (target/classpath.txt) before this suite runs", example)
                .exists();
        String classpath = module.resolve("target/classes")
                + java.io.File.pathSeparator
                + Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath, mainClass));
        command.addAll(List.of(said.split(" ")));
        var builder = new ProcessBuilder(command);
        builder.environment()
                .putAll(Map.of(
                        "COLLOQUY_URL", server.api().base().toString(), "COLLOQUY_TOKEN", token, "CHAT_USER", user));
        Path out = Files.createTempFile("example-out", ".txt");
        Path err = Files.createTempFile("example-err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("%s finished within 120 s", example)
                .isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    static void remembersAcrossRestarts(String example, String mainClass) throws Exception {
        String user = "user/" + UUID.randomUUID();
        Run first = run(example, mainClass, user, "My name is Ana");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("first turn");

        Run second = run(example, mainClass, user, "What is my name?");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("Turn 2").contains("First you told me: \"My name is Ana\"");

        Run stranger = run(example, mainClass, "user/" + UUID.randomUUID(), "Hello");
        assertThat(stranger.out()).as(stranger.err()).contains("first turn");
    }

    @Test
    void theLangChain4jExampleRemembersAcrossARestartOfItsJvm() throws Exception {
        remembersAcrossRestarts("langchain4j-chat", "dev.colloquy.examples.langchain4j.ChatApp");
    }

    @Test
    void theSpringAiExampleRemembersAcrossARestartOfItsJvm() throws Exception {
        remembersAcrossRestarts("spring-ai-chat", "dev.colloquy.examples.springai.ChatApplication");
    }
}
