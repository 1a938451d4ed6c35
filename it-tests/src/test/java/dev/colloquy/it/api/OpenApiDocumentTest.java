package dev.colloquy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colloquy.app.http.ColloquyApplication;
import dev.colloquy.app.http.ConsoleResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the server's routes describe the same API, route for route. */
class OpenApiDocumentTest {

    private static JsonNode document() throws Exception {
        try (InputStream in =
                OpenApiDocumentTest.class.getClassLoader().getResourceAsStream("dev/colloquy/app/openapi.json")) {
            return Api.JSON.readTree(in);
        }
    }

    @Test
    void everyRouteOfTheServerIsDocumentedAndNothingElse() throws Exception {
        Set<String> served = new TreeSet<>();
        for (Class<?> type : new ColloquyApplication().getClasses()) {
            Path root = type.getAnnotation(Path.class);
            if (root == null || type == ConsoleResource.class) {
                continue; // the console's files are pages for a browser, not routes of the API
            }
            for (Method method : type.getMethods()) {
                String verb = null;
                for (var annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        verb = http.value();
                    }
                }
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = ("/" + root.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                served.add(verb + " "
                        + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
            }
        }
        Set<String> documented = new TreeSet<>();
        var paths = document().get("paths");
        paths.fieldNames()
                .forEachRemaining(path -> paths.get(path)
                        .fieldNames()
                        .forEachRemaining(verb -> documented.add(verb.toUpperCase(Locale.ROOT) + " " + path)));
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void everyOperationHasAnIdATagASuccessAndNamedSchemas() throws Exception {
        var paths = document().get("paths");
        Set<String> ids = new TreeSet<>();
        paths.fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    JsonNode operation = op.getValue();
                    String where = op.getKey() + " " + path.getKey();
                    assertThat(operation.path("operationId").asText()).as(where).isNotBlank();
                    assertThat(ids.add(operation.get("operationId").asText()))
                            .as("unique operationId " + where)
                            .isTrue();
                    assertThat(operation.path("tags")).as(where).hasSize(1);
                    var statuses = new TreeSet<String>();
                    operation.get("responses").fieldNames().forEachRemaining(statuses::add);
                    assertThat(statuses).as(where).anyMatch(status -> status.startsWith("2"));
                    operation
                            .path("requestBody")
                            .path("content")
                            .forEach(media -> assertThat(media.path("schema").has("$ref"))
                                    .as("a named request schema for " + where)
                                    .isTrue());
                }));
    }
}
