package dev.colloquy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colloquy.app.http.ColloquyApplication;
import dev.colloquy.app.http.ConsoleResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document lists exactly the routes the resources serve. */
class OpenApiDocumentTest {

    @Test
    void documentMatchesTheResourceMethods() throws Exception {
        var routes = new TreeSet<String>();
        for (Class<?> type : new ColloquyApplication().getClasses()) {
            Path root = type.getAnnotation(Path.class);
            if (root == null || type == ConsoleResource.class) {
                continue; // the console's files are pages for a browser, not routes of the API
            }
            for (Method method : type.getMethods()) {
                for (var annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        Path sub = method.getAnnotation(Path.class);
                        String path = (root.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                        routes.add(http.value().toLowerCase(Locale.ROOT) + " "
                                + (path.endsWith("/") && path.length() > 1
                                        ? path.substring(0, path.length() - 1)
                                        : path));
                    }
                }
            }
        }
        var documented = new TreeSet<String>();
        try (var in = getClass().getClassLoader().getResourceAsStream("dev/colloquy/app/openapi.json")) {
            var paths = new ObjectMapper().readTree(in).get("paths");
            paths.fields()
                    .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                        if (!method.equals("parameters")) {
                            documented.add(method + " " + path.getKey());
                        }
                    }));
        }

        assertThat(routes).hasSize(28);
        assertThat(documented).isEqualTo(routes);
    }
}
