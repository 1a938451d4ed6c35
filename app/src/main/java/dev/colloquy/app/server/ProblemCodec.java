package dev.colloquy.app.server;

import dev.colloquy.app.http.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.KeepAlive;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.utils.DelayedExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grizzly's HTTP codec with two changes, so that no request, however broken, is answered with
 * anything but a problem document.
 *
 * <ul>
 *   <li>A request target that is not a valid URI (a {@code %} without two hex digits after it, a
 *       raw space, quote, brace or control character, a byte beyond ASCII) and a {@code CONNECT}
 *       are refused as soon as the request head is read: Grizzly 4.0.2 would hand the first to
 *       Jersey, which fails to build a URI and lets Grizzly answer 500 with an HTML page and a
 *       stack trace, and would keep the second's connection waiting.
 *   <li>The answers the codec writes by itself (400 for a malformed head, 414, 431, 505) carry a
 *       problem document instead of an empty body.
 *   <li>A request line whose method is not a token ({@code GÉT}, a tab, nothing before the first
 *       space) or that ends before its first space ({@code /v1/conversations} alone) is refused as
 *       soon as its first bytes arrive: Grizzly reads a method up to the first space, so it would
 *       wait for one until the client gave up.
 * </ul>
 *
 * <p>Grizzly builds its codec inside {@code HttpServer.start()}; this add-on replaces it in the
 * filter chain with a subclass made from the same listener settings.
 */
final class ProblemCodec implements AddOn, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemCodec.class);
    private static final String DETAIL = "colloquy.problem.detail";

    private final ExecutorService timerThread = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "colloquy-http-keep-alive");
        thread.setDaemon(true);
        return thread;
    });
    // The codec's keep-alive timers; Grizzly keeps its own executor private.
    private final DelayedExecutor timers = new DelayedExecutor(timerThread);

    ProblemCodec() {
        timers.start();
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int index = builder.indexOfType(HttpServerFilter.class);
        if (index < 0) {
            throw new IllegalStateException("Grizzly's HTTP codec is not in the filter chain");
        }
        var original = (HttpServerFilter) builder.get(index);
        int headerSize = listener.getMaxHttpHeaderSize() == -1
                ? HttpCodecFilter.DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE
                : listener.getMaxHttpHeaderSize();
        var codec = new Codec(
                listener.isChunkingEnabled(),
                headerSize,
                listener.getKeepAlive(),
                timers,
                listener.getMaxRequestHeaders(),
                listener.getMaxResponseHeaders());
        for (ContentEncoding encoding : original.getContentEncodings()) {
            codec.addContentEncoding(encoding);
        }
        codec.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
        codec.setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
        codec.setRemoveHandledContentEncodingHeaders(original.isRemoveHandledContentEncodingHeaders());
        builder.set(index, codec);
    }

    @Override
    public void close() {
        timers.destroy();
        timerThread.shutdownNow();
    }

    static final class Codec extends HttpServerFilter {

        Codec(
                boolean chunking,
                int maxHeaderSize,
                KeepAlive keepAlive,
                DelayedExecutor timers,
                int maxRequestHeaders,
                int maxResponseHeaders) {
            super(chunking, maxHeaderSize, null, keepAlive, timers, maxRequestHeaders, maxResponseHeaders);
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            var attributes = ctx.getConnection().getAttributes();
            if (attributes.getAttribute(REFUSED) != null) {
                return ctx.getStopAction(); // deaf after a refusal, until the connection closes
            }
            Object inProcess = attributes.getAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
            boolean readingHead =
                    inProcess == null || (inProcess instanceof HttpPacketParsing parsing && !parsing.isHeaderParsed());
            if (inProcess == null) {
                // Empty lines before a request line are ignored (RFC 9112 section 2.2); Grizzly
                // would read them as part of the method.
                Buffer input = ctx.getMessage();
                int first = input.position();
                while (first < input.limit() && (input.get(first) == '\r' || input.get(first) == '\n')) {
                    first++;
                }
                if (first == input.limit()) {
                    return ctx.getStopAction();
                }
                if (first > input.position()) {
                    // Grizzly reads a method from the start of the buffer, not from its position.
                    ctx.setMessage(input.slice(first, input.limit()));
                }
            }
            if (readingHead) {
                Optional<String> bad = badMethod(ctx.getMessage());
                if (bad.isPresent()) {
                    refuse(ctx, bad.get());
                    return ctx.getStopAction();
                }
            }
            return super.handleRead(ctx);
        }

        /** Answers 400 with a problem document and closes the connection once it is written. */
        private static void refuse(FilterChainContext ctx, String detail) {
            Connection<?> connection = ctx.getConnection();
            connection.getAttributes().setAttribute(REFUSED, Boolean.TRUE);
            byte[] body = Problem.VALIDATION.json(detail);
            byte[] head = ("HTTP/1.1 400 Bad Request\r\nContent-Type: " + Problem.MEDIA_TYPE + "\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] answer = new byte[head.length + body.length];
            System.arraycopy(head, 0, answer, 0, head.length);
            System.arraycopy(body, 0, answer, head.length, body.length);
            ctx.write(Buffers.wrap(connection.getMemoryManager(), answer), new EmptyCompletionHandler<>() {
                @Override
                public void completed(WriteResult result) {
                    connection.closeSilently();
                }

                @Override
                public void failed(Throwable error) {
                    connection.closeSilently();
                }
            });
        }

        @Override
        protected boolean onHttpHeaderParsed(HttpHeader header, Buffer buffer, FilterChainContext ctx) {
            var request = (HttpRequestPacket) header;
            Optional<Refusal> refusal = refusal(request);
            if (refusal.isPresent()) {
                // The answer is written in the request's protocol; a malformed one cannot be encoded.
                request.setProtocol(Protocol.HTTP_1_1);
                request.getResponse().setStatus(refusal.get().status());
                header.getAttributes().setAttribute(DETAIL, refusal.get().detail());
                // The codec answers a failed head with the status set above and closes the connection.
                throw new IllegalArgumentException(refusal.get().detail());
            }
            return super.onHttpHeaderParsed(header, buffer, ctx);
        }

        /** A head too large gets its own status: 414 for the request line, 431 for the header fields. */
        @Override
        protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable error)
                throws IOException {
            String message = String.valueOf(error.getMessage());
            var request = (HttpRequestPacket) header;
            if (message.contains("intial line is too large") || message.contains("initial line is too large")) {
                request.getResponse().setStatus(414);
            } else if (message.contains("header is too large")) {
                request.getResponse().setStatus(431);
            }
            if (request.getProtocolString() == null
                    || !VERSION.matcher(request.getProtocolString()).matches()) {
                request.setProtocol(Protocol.HTTP_1_1);
            }
            super.onHttpHeaderError(header, ctx, error);
        }

        @Override
        protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
            int status = response.getStatus();
            Object detail = response.getRequest() == null
                    ? null
                    : response.getRequest().getAttributes().getAttribute(DETAIL);
            Problem problem = Problem.forStatus(status);
            String text = detail != null ? detail.toString() : defaultDetail(status);
            // 505 answers the client's choice of protocol, not a fault of the server's
            if (status >= 500 && status != 505) {
                LOG.warn("HTTP {} before the request reached the API: {}", status, text);
            }
            byte[] body = problem.json(text);
            response.setContentType(Problem.MEDIA_TYPE.toString());
            response.setContentLength(body.length);
            return HttpContent.builder(response)
                    .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
                    .last(true)
                    .build();
        }
    }

    static String defaultDetail(int status) {
        return switch (status) {
            case 414 -> "the request target is too long";
            case 431 -> "the request head is too large (too many or too long header fields)";
            case 505 -> "only HTTP/1.0 and HTTP/1.1 are served";
            default ->
                status >= 500
                        ? "the server could not read the request"
                        : "the request line or a header field is malformed";
        };
    }

    private static final String REFUSED = "colloquy.head.refused";

    /**
     * What is wrong with the method of a request head whose first bytes are {@code input}, if
     * anything is already: a byte that is no token character (RFC 9110 section 5.6.2), or the
     * line ending before the first space. Empty lines before the request line are skipped, as
     * RFC 9112 section 2.2 allows. Nothing is wrong yet while the method may still be arriving.
     */
    static Optional<String> badMethod(Buffer input) {
        int end = input.limit();
        int i = input.position();
        while (i < end && (input.get(i) == '\r' || input.get(i) == '\n')) {
            i++;
        }
        int start = i;
        for (; i < end; i++) {
            byte b = input.get(i);
            if (b == ' ') {
                return i == start
                        ? Optional.of("the request line starts with a space, not a method")
                        : Optional.empty();
            }
            if (b == '\r' || b == '\n') {
                return Optional.of("the request line is not 'METHOD TARGET HTTP/1.1'");
            }
            if (!tokenCharacter(b)) {
                return Optional.of("the method is not a token: it may hold only letters, digits and !#$%&'*+-.^_`|~");
            }
        }
        return Optional.empty();
    }

    private static boolean tokenCharacter(byte b) {
        return (b >= 'a' && b <= 'z')
                || (b >= 'A' && b <= 'Z')
                || (b >= '0' && b <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    /** A request refused before it reaches the API. */
    record Refusal(int status, String detail) {}

    private static final Pattern VERSION = Pattern.compile("HTTP/[0-9]\\.[0-9]");

    /** Why the request must be refused before it reaches the API, if it must. */
    static Optional<Refusal> refusal(HttpRequestPacket request) {
        String protocol = request.getProtocolString();
        if (protocol == null || !VERSION.matcher(protocol).matches()) {
            return Optional.of(new Refusal(
                    400,
                    "the request line is not 'METHOD TARGET HTTP/1.1'"
                            + " (a space inside the target must be percent-encoded as %20)"));
        }
        if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
            return Optional.of(new Refusal(505, "only HTTP/1.0 and HTTP/1.1 are served, not " + protocol));
        }
        if (Method.CONNECT.equals(request.getMethod())) {
            return Optional.of(new Refusal(405, "CONNECT is not served: this is not a proxy"));
        }
        Optional<String> bad = RequestTargets.malformed(request.getRequestURI(), false);
        if (bad.isPresent()) {
            return Optional.of(new Refusal(400, "the request path is not a valid URI path: " + bad.get()));
        }
        String query = request.getQueryString();
        if (query != null) {
            bad = RequestTargets.malformed(query, true);
            if (bad.isPresent()) {
                return Optional.of(new Refusal(400, "the query string is not valid: " + bad.get()));
            }
        }
        return Optional.empty();
    }
}
