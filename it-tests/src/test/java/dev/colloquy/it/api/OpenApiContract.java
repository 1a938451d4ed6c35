package dev.colloquy.it.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every answer a test receives is checked against the OpenAPI document the server serves (the
 * same file, from the application's JAR): its status must be documented for the route, and its
 * headers and body must match what the document says. A route the document does not know (a
 * path no client should call) is not checked here; its own tests pin it.
 */
public final class OpenApiContract {

    private static final String DOCUMENT = "dev/colloquy/app/openapi.json";
    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(read()).build();

    private OpenApiContract() {}

    private static String read() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with every mismatch if the answer to {@code method path} is not what the document says. */
    public static void check(String method, URI uri, HttpResponse<String> response) {
        var builder = new SimpleResponse.Builder(response.statusCode());
        response.headers().map().forEach((name, values) -> builder.withHeader(name, values));
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        ValidationReport report = VALIDATOR.validateResponse(
                uri.getRawPath(), Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), builder.build());
        var problems = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .filter(message -> !message.getKey().endsWith(".path.missing")
                        && !message.getKey().endsWith(".operation.notAllowed"))
                .map(message -> message.getKey() + ": " + message.getMessage())
                .collect(Collectors.joining("\n  "));
        if (!problems.isEmpty()) {
            throw new AssertionError("the answer to " + method + " " + uri.getRawPath() + " (" + response.statusCode()
                    + ") does not match the OpenAPI document:\n  " + problems + "\n  body: " + response.body());
        }
    }
}
