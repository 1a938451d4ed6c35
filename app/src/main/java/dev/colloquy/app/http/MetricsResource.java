package dev.colloquy.app.http;

import dev.colloquy.app.config.ServerSettings;
import dev.colloquy.app.metrics.ServiceMetrics;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code /metrics} in Prometheus' text format (see {@link ServiceMetrics} for what it holds):
 * open by default, behind {@code Authorization: Bearer <METRICS_TOKEN>} when that is set, 404
 * with {@code METRICS=off}. Never needs or accepts an API token.
 */
@Path("/metrics")
@RequestScoped
public class MetricsResource {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    ServerSettings settings;

    @Inject
    ServiceMetrics metrics;

    @GET
    @Produces(PROMETHEUS_TEXT)
    public Response scrape(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var config = settings.metrics();
        if (!config.enabled()) {
            throw new ApiException(Problem.NOT_FOUND, "metrics are turned off (METRICS=off)");
        }
        if (config.token().isPresent()) {
            String expected = "Bearer " + config.token().get();
            if (authorization == null
                    || !MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.UTF_8),
                            authorization.strip().getBytes(StandardCharsets.UTF_8))) {
                throw new ApiException(
                        Problem.UNAUTHORIZED, "send Authorization: Bearer <METRICS_TOKEN> to read the metrics");
            }
        }
        return Response.ok(metrics.scrape(), PROMETHEUS_TEXT).build();
    }
}
