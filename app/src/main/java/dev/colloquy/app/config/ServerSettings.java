package dev.colloquy.app.config;

import dev.colloquy.domain.Limits;
import dev.colloquy.persistence.config.ConfigurationException;
import dev.colloquy.persistence.config.Secret;
import dev.colloquy.persistence.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The service's own settings (the database's are {@link dev.colloquy.persistence.DatabaseSettings}).
 *
 * @param host where the HTTP server listens ({@code HTTP_HOST})
 * @param port its port ({@code HTTP_PORT}); 0 picks a free one
 * @param retentionDays purge conversations not updated for this many days; 0 keeps forever
 * @param adminToken the first admin token's secret, when the database holds no token yet
 * @param limits the input limits
 * @param maxRequestBytes the largest request body accepted ({@code LIMIT_REQUEST_BYTES})
 * @param bodyTimeout the longest wait for the next bytes of a request body ({@code HTTP_BODY_TIMEOUT});
 *     the standalone server answers 408 past it
 * @param idempotencyKeyTtl how long the answer to a write made with an {@code Idempotency-Key} is
 *     kept and given again to a retry ({@code IDEMPOTENCY_KEY_TTL})
 * @param rateLimit the requests a token may make, per minute and at once ({@code
 *     RATE_LIMIT_PER_MINUTE}, {@code RATE_LIMIT_BURST})
 * @param queueLimit the most requests waiting for a worker of the standalone server ({@code
 *     HTTP_QUEUE_LIMIT}); past it a request is answered 503 at once
 * @param connectionsPerClient the most connections one client address may hold open on the
 *     standalone server ({@code HTTP_CONNECTIONS_PER_CLIENT}); 0 for no limit
 * @param accessLog whether each request writes an access line ({@code ACCESS_LOG})
 * @param corsOrigins the origins browsers may call the API from ({@code CORS_ORIGINS}); none by default
 * @param metrics whether {@code /metrics} answers ({@code METRICS}) and the token it asks for, if any
 *     ({@code METRICS_TOKEN})
 * @param semanticSearch whether messages are embedded and searched by meaning ({@code
 *     SEMANTIC_SEARCH}, on by default)
 * @param embeddingEndpoint where vectors are made when not by the bundled model: an
 *     OpenAI-compatible endpoint ({@code EMBEDDING_URL}, {@code EMBEDDING_MODEL}, {@code
 *     EMBEDDING_API_KEY})
 * @param tracing where traces go over OTLP/HTTP ({@code OTEL_EXPORTER_OTLP_ENDPOINT}; none: no
 *     tracing) and the service's name in them ({@code OTEL_SERVICE_NAME})
 */
public record ServerSettings(
        String host,
        int port,
        int retentionDays,
        Optional<String> adminToken,
        Limits limits,
        long maxRequestBytes,
        Duration bodyTimeout,
        Duration idempotencyKeyTtl,
        RateLimit rateLimit,
        int queueLimit,
        int connectionsPerClient,
        boolean accessLog,
        Set<String> corsOrigins,
        Metrics metrics,
        boolean semanticSearch,
        Optional<EmbeddingEndpoint> embeddingEndpoint,
        Tracing tracing) {

    /**
     * An OpenAI-compatible embeddings endpoint: its base URL ({@code /embeddings} is added), the
     * model asked for (and the name its vectors are stored under), and its key, if it wants one.
     */
    public record EmbeddingEndpoint(URI url, String model, Optional<Secret> key) {}

    /** OpenTelemetry traces: off unless an OTLP endpoint is given. */
    public record Tracing(Optional<URI> endpoint, String serviceName) {}

    /** {@code /metrics}: on or off, and open or behind a bearer token of its own. */
    public record Metrics(boolean enabled, Optional<String> token) {}

    /**
     * A token bucket per token: {@code burst} requests at once, refilled at {@code perMinute} a
     * minute. {@code perMinute} 0 is no limit.
     */
    public record RateLimit(int perMinute, int burst) {
        public boolean enabled() {
            return perMinute > 0;
        }
    }

    public static final String HTTP_HOST = "HTTP_HOST";
    public static final String HTTP_PORT = "HTTP_PORT";
    public static final String RETENTION_DAYS = "RETENTION_DAYS";
    public static final String COLLOQUY_ADMIN_TOKEN = "COLLOQUY_ADMIN_TOKEN";
    public static final String LIMIT_REQUEST_BYTES = "LIMIT_REQUEST_BYTES";
    public static final String HTTP_BODY_TIMEOUT = "HTTP_BODY_TIMEOUT";
    static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    public static final String IDEMPOTENCY_KEY_TTL = "IDEMPOTENCY_KEY_TTL";
    static final Duration DEFAULT_IDEMPOTENCY_KEY_TTL = Duration.ofHours(24);
    public static final String RATE_LIMIT_PER_MINUTE = "RATE_LIMIT_PER_MINUTE";
    public static final String RATE_LIMIT_BURST = "RATE_LIMIT_BURST";
    public static final String HTTP_QUEUE_LIMIT = "HTTP_QUEUE_LIMIT";
    public static final String ACCESS_LOG = "ACCESS_LOG";
    public static final String HTTP_CONNECTIONS_PER_CLIENT = "HTTP_CONNECTIONS_PER_CLIENT";
    public static final String CORS_ORIGINS = "CORS_ORIGINS";
    public static final String METRICS = "METRICS";
    public static final String METRICS_TOKEN = "METRICS_TOKEN";
    public static final String OTEL_EXPORTER_OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public static final String OTEL_SERVICE_NAME = "OTEL_SERVICE_NAME";
    public static final String SEMANTIC_SEARCH = "SEMANTIC_SEARCH";
    public static final String EMBEDDING_URL = "EMBEDDING_URL";
    public static final String EMBEDDING_MODEL = "EMBEDDING_MODEL";
    public static final String EMBEDDING_API_KEY = "EMBEDDING_API_KEY";
    private static final Pattern ORIGIN =
            Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    /** Read by the logging configuration itself (logback.xml); checked here so that a mistake stops the start. */
    public static final String LOG_FORMAT = "LOG_FORMAT";

    public static final String LOG_LEVEL = "LOG_LEVEL";

    public static ServerSettings from(Settings settings) {
        checkLogging(settings);
        String host = settings.get(HTTP_HOST).orElse("127.0.0.1");
        int port = settings.integer(HTTP_PORT, 8080, 0, 65535);
        int retention = settings.integer(RETENTION_DAYS, 0, 0, 365_000);
        var token = settings.get(COLLOQUY_ADMIN_TOKEN);
        if (token.isPresent()
                && (token.get().length() < 32 || !token.get().chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new ConfigurationException(
                    COLLOQUY_ADMIN_TOKEN, "must be at least 32 printable ASCII characters without spaces");
        }
        return new ServerSettings(
                host,
                port,
                retention,
                token,
                limits(settings),
                settings.integer(LIMIT_REQUEST_BYTES, 16 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                bodyTimeout(settings),
                idempotencyKeyTtl(settings),
                rateLimit(settings),
                settings.integer(HTTP_QUEUE_LIMIT, 512, 1, 1_000_000),
                settings.integer(HTTP_CONNECTIONS_PER_CLIENT, 0, 0, 1_000_000),
                onOff(settings, ACCESS_LOG, true),
                corsOrigins(settings),
                metrics(settings),
                onOff(settings, SEMANTIC_SEARCH, true),
                embeddingEndpoint(settings, onOff(settings, SEMANTIC_SEARCH, true)),
                tracing(settings));
    }

    private static Optional<EmbeddingEndpoint> embeddingEndpoint(Settings settings, boolean semanticSearch) {
        var url = settings.get(EMBEDDING_URL).filter(v -> !v.isBlank());
        var model = settings.get(EMBEDDING_MODEL).filter(v -> !v.isBlank());
        var key = settings.get(EMBEDDING_API_KEY).filter(v -> !v.isBlank());
        if (url.isEmpty()) {
            if (model.isPresent()) {
                throw new ConfigurationException(
                        EMBEDDING_MODEL, "is set without EMBEDDING_URL, the endpoint it names a model of");
            }
            if (key.isPresent()) {
                throw new ConfigurationException(
                        EMBEDDING_API_KEY, "is set without EMBEDDING_URL, the endpoint it is the key of");
            }
            return Optional.empty();
        }
        if (!semanticSearch) {
            throw new ConfigurationException(
                    EMBEDDING_URL, "is set while SEMANTIC_SEARCH=off, which makes no vectors: unset one of them");
        }
        URI uri;
        try {
            uri = new URI(url.get().strip());
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(url.get(), "not an http(s) base URL");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException(
                    EMBEDDING_URL,
                    "must be the http(s) base URL of an OpenAI-compatible API, such as https://api.openai.com/v1"
                            + " (vectors are asked of its /embeddings), without a user, query or fragment (the key"
                            + " goes in EMBEDDING_API_KEY)");
        }
        if (model.isEmpty()) {
            throw new ConfigurationException(
                    EMBEDDING_MODEL,
                    "is required with EMBEDDING_URL: the model to ask for, such as text-embedding-3-small");
        }
        String name = model.get().strip();
        if (name.length() > 200 || !name.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            throw new ConfigurationException(EMBEDDING_MODEL, "must be 1 to 200 characters without control characters");
        }
        if (key.isPresent() && !key.get().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ConfigurationException(EMBEDDING_API_KEY, "must be printable ASCII without spaces");
        }
        return Optional.of(new EmbeddingEndpoint(uri, name, key.map(Secret::of)));
    }

    private static Tracing tracing(Settings settings) {
        var endpoint = settings.get(OTEL_EXPORTER_OTLP_ENDPOINT)
                .filter(v -> !v.isBlank())
                .map(value -> {
                    try {
                        URI uri = new URI(value.strip());
                        if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))
                                || uri.getHost() == null
                                || uri.getRawQuery() != null
                                || uri.getRawUserInfo() != null) {
                            throw new URISyntaxException(value, "not an http(s) base URL");
                        }
                        return uri;
                    } catch (URISyntaxException e) {
                        throw new ConfigurationException(
                                OTEL_EXPORTER_OTLP_ENDPOINT,
                                "must be the http(s) base URL of an OTLP/HTTP receiver, such as http://localhost:4318"
                                        + " (traces go to its /v1/traces)");
                    }
                });
        String name = settings.get(OTEL_SERVICE_NAME).orElse("colloquy").strip();
        if (name.isEmpty() || name.length() > 100 || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ConfigurationException(OTEL_SERVICE_NAME, "must be 1 to 100 printable ASCII characters");
        }
        return new Tracing(endpoint, name);
    }

    private static Metrics metrics(Settings settings) {
        var token = settings.get(METRICS_TOKEN);
        if (token.isPresent()
                && (token.get().length() < 32 || !token.get().chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new ConfigurationException(
                    METRICS_TOKEN, "must be at least 32 printable ASCII characters without spaces");
        }
        return new Metrics(onOff(settings, METRICS, true), token);
    }

    /** {@code https://app.example.com, http://localhost:5173}: scheme, host and port, nothing more. */
    private static Set<String> corsOrigins(Settings settings) {
        var origins = new LinkedHashSet<String>();
        for (String origin : settings.get(CORS_ORIGINS).orElse("").split(",")) {
            String trimmed = origin.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!ORIGIN.matcher(trimmed).matches()) {
                throw new ConfigurationException(
                        CORS_ORIGINS,
                        "'" + trimmed + "' is not an origin; list origins as scheme://host[:port], separated by commas"
                                + " (for example https://app.example.com,http://localhost:5173)");
            }
            origins.add(trimmed);
        }
        return Set.copyOf(origins);
    }

    /**
     * Checks the logging settings, which logback.xml reads from the environment or the system
     * properties: a value logback would ignore must stop the start instead.
     */
    public static void checkLogging(Settings settings) {
        settings.get(LOG_FORMAT).ifPresent(format -> {
            if (!format.equals("text") && !format.equals("json")) {
                throw new ConfigurationException(LOG_FORMAT, "must be text or json, was '" + format + "'");
            }
        });
        settings.get(LOG_LEVEL).ifPresent(level -> {
            if (!Set.of("trace", "debug", "info", "warn", "error").contains(level.toLowerCase(Locale.ROOT))) {
                throw new ConfigurationException(
                        LOG_LEVEL, "must be one of trace, debug, info, warn, error, was '" + level + "'");
            }
        });
    }

    private static boolean onOff(Settings settings, String name, boolean defaultValue) {
        var value = settings.get(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new ConfigurationException(name, "must be on or off, was '" + value.get() + "'");
        };
    }

    private static RateLimit rateLimit(Settings settings) {
        int perMinute = settings.integer(RATE_LIMIT_PER_MINUTE, 0, 0, 1_000_000);
        int burst = settings.integer(RATE_LIMIT_BURST, Math.max(1, perMinute), 1, 1_000_000);
        if (perMinute == 0 && settings.get(RATE_LIMIT_BURST).isPresent()) {
            throw new ConfigurationException(RATE_LIMIT_BURST, "needs RATE_LIMIT_PER_MINUTE above 0");
        }
        return new RateLimit(perMinute, burst);
    }

    private static Duration idempotencyKeyTtl(Settings settings) {
        Duration ttl = settings.duration(IDEMPOTENCY_KEY_TTL, DEFAULT_IDEMPOTENCY_KEY_TTL);
        if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(Duration.ofDays(30)) > 0) {
            throw new ConfigurationException(IDEMPOTENCY_KEY_TTL, "must be between 1m and 30d, was " + ttl);
        }
        return ttl;
    }

    private static Duration bodyTimeout(Settings settings) {
        Duration timeout = settings.duration(HTTP_BODY_TIMEOUT, DEFAULT_BODY_TIMEOUT);
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigurationException(HTTP_BODY_TIMEOUT, "must be between 1s and 10m, was " + timeout);
        }
        return timeout;
    }

    /** The input limits, each overridable by a {@code LIMIT_*} setting. */
    public static Limits limits(Settings settings) {
        Limits d = Limits.DEFAULTS;
        int maxPage = settings.integer("LIMIT_PAGE_SIZE_MAX", d.maxPageSize(), 1, 100_000);
        int defaultPage =
                settings.integer("LIMIT_PAGE_SIZE_DEFAULT", Math.min(d.defaultPageSize(), maxPage), 1, maxPage);
        return new Limits(
                settings.integer("LIMIT_TITLE_CHARACTERS", d.titleCharacters(), 1, 100_000),
                settings.integer("LIMIT_CONTENT_BYTES", d.contentBytes(), 1, 64 * 1024 * 1024),
                settings.integer("LIMIT_METADATA_BYTES", d.metadataBytes(), 2, 16 * 1024 * 1024),
                settings.integer("LIMIT_TAGS_PER_CONVERSATION", d.tagsPerConversation(), 1, 10_000),
                settings.integer("LIMIT_TAG_CHARACTERS", d.tagCharacters(), 1, 1_000),
                defaultPage,
                maxPage,
                settings.integer("LIMIT_MESSAGES_PER_BATCH", d.messagesPerBatch(), 1, 100_000));
    }
}
