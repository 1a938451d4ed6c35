package dev.colloquy.app.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Answers requests that offer an upgrade to cleartext HTTP/2 ({@code Upgrade: h2c}, which the
 * JDK's HttpClient sends by default) as plain HTTP/1.1, as RFC 9113 allows a server to. Grizzly
 * 4.0.2 would otherwise treat the connection as upgraded, stop framing the request body by its
 * length and wait for a body that never ends: every POST from such a client hangs.
 *
 * <p>A filter ahead of Grizzly's HTTP codec renames that one header in the request head, in place
 * and at the same length ({@code Upgrade} becomes {@code Xpgrade}), so the codec never sees it.
 */
final class IgnoreH2cUpgrade implements AddOn {

    private static final byte[] HEADER = "\r\nupgrade:".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("Grizzly's HTTP codec is not in the filter chain");
        }
        builder.add(codec, new Filter());
    }

    static final class Filter extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            if (ctx.getMessage() instanceof Buffer buffer) {
                hideH2cUpgrade(buffer);
            }
            return ctx.getInvokeAction();
        }
    }

    /** Renames an {@code Upgrade: h2c} header found in the request head within this buffer. */
    static void hideH2cUpgrade(Buffer buffer) {
        int end = buffer.limit();
        for (int i = buffer.position(); i + HEADER.length + 3 <= end; i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n') {
                if (i + 3 < end && buffer.get(i + 2) == '\r' && buffer.get(i + 3) == '\n') {
                    return; // the head ends here; the body is never touched
                }
                if (matches(buffer, i) && valueIsH2c(buffer, i + HEADER.length, end)) {
                    buffer.put(i + 2, (byte) 'X');
                    return;
                }
            }
        }
    }

    private static boolean matches(Buffer buffer, int at) {
        for (int k = 0; k < HEADER.length; k++) {
            if (Character.toLowerCase((char) buffer.get(at + k)) != HEADER[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueIsH2c(Buffer buffer, int from, int end) {
        int i = from;
        while (i < end && (buffer.get(i) == ' ' || buffer.get(i) == '\t')) {
            i++;
        }
        var value = new StringBuilder();
        while (i < end && buffer.get(i) != '\r' && value.length() < 16) {
            value.append((char) buffer.get(i++));
        }
        return value.toString().strip().equalsIgnoreCase("h2c");
    }
}
