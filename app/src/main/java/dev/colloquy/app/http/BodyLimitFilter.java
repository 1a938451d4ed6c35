package dev.colloquy.app.http;

import dev.colloquy.app.config.ServerSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies larger than {@code LIMIT_REQUEST_BYTES} before they are read into memory: by the
 * declared length at once, and for bodies of unknown length as soon as the limit is passed; and
 * bodies that are not well-formed UTF-8 ({@link StrictUtf8}), since every body is JSON.
 */
@Provider
@PreMatching
@Priority(1)
@ApplicationScoped
public class BodyLimitFilter implements ContainerRequestFilter {

    @Inject
    ServerSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = settings.maxRequestBytes();
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                throw new ApiException(Problem.VALIDATION, "Content-Length is not a number");
            }
        }
        request.setEntityStream(new StrictUtf8(new Limited(request.getEntityStream(), limit)));
    }

    /** What a 413 says. */
    public static String tooLargeDetail(long limit) {
        return "the request body is larger than " + limit + " bytes";
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(Problem.PAYLOAD_TOO_LARGE, tooLargeDetail(limit));
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
