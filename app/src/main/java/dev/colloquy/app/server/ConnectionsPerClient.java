package dev.colloquy.app.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;

/**
 * At most {@code limit} open connections from one client address ({@code
 * HTTP_CONNECTIONS_PER_CLIENT}): one more is answered at once with a 503 problem and {@code
 * Retry-After}, and closed, before any of its bytes are read — so one client holding connections
 * open (slow bodies, slow heads) cannot take every worker from the others.
 */
final class ConnectionsPerClient implements AddOn {

    private final int limit;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerClient(int limit) {
        this.limit = limit;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int transport = builder.indexOfType(TransportFilter.class);
        builder.add(transport + 1, new Filter());
    }

    private static final byte[] REFUSAL = ("HTTP/1.1 503 Service Unavailable\r\n"
                    + "Content-Type: application/problem+json\r\n"
                    + "Retry-After: 1\r\n"
                    + "Connection: close\r\n"
                    + "Content-Length: %d\r\n\r\n%s")
            .formatted(body().getBytes(StandardCharsets.UTF_8).length, body())
            .getBytes(StandardCharsets.UTF_8);

    private static String body() {
        return "{\"type\":\"urn:colloquy:problem:unavailable\",\"title\":\"Service unavailable\",\"status\":503,"
                + "\"detail\":\"this client has too many connections open (HTTP_CONNECTIONS_PER_CLIENT);"
                + " reuse one, or close some and try again\"}";
    }

    private final class Filter extends BaseFilter {
        @Override
        public NextAction handleAccept(FilterChainContext ctx) throws IOException {
            Connection<?> connection = ctx.getConnection();
            if (!(connection.getPeerAddress() instanceof InetSocketAddress peer)) {
                return ctx.getInvokeAction();
            }
            InetAddress client = peer.getAddress();
            int now = open.merge(client, 1, Integer::sum);
            if (now > limit) {
                release(client);
                Buffer refusal = Buffers.wrap(ctx.getMemoryManager(), REFUSAL);
                // A graceful close: what is queued to write goes out first.
                ctx.write(refusal);
                connection.closeSilently();
                return ctx.getStopAction();
            }
            connection.addCloseListener((closed, type) -> release(client));
            return ctx.getInvokeAction();
        }
    }

    private void release(InetAddress client) {
        open.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    }
}
