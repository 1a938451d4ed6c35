package dev.colloquy.app.server;

import dev.colloquy.app.http.Problem;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Grizzly writes when a request handler fails outside Jersey's exception mappers: a problem
 * document (Grizzly's default is an HTML page naming its version, with a stack trace), and a log
 * line for a 5xx, since Grizzly logs nothing.
 */
final class ProblemPages implements ErrorPageGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemPages.class);

    @Override
    public String generate(Request request, int status, String reason, String description, Throwable error) {
        String detail = status >= 500 ? "an internal error occurred" : ProblemCodec.defaultDetail(status);
        if (status >= 500) {
            String id = UUID.randomUUID().toString();
            LOG.error("HTTP {} from the HTTP layer (error id {})", status, id, error);
            detail += "; error id " + id;
        }
        request.getResponse().setContentType(Problem.MEDIA_TYPE.toString());
        return new String(Problem.forStatus(status).json(detail), StandardCharsets.UTF_8);
    }
}
