package dev.colloquy.it.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Bytes on a socket, for requests no HTTP client would send. */
public final class RawHttp {

    private RawHttp() {}

    /** What came back: the status line's code, the header fields (lower-cased names) and the body. */
    public record Reply(int status, Map<String, String> headers, String body, boolean timedOut) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends the bytes and reads until the server closes the connection (or 5 s pass). */
    public static Reply send(URI server, byte[] request) {
        try (var socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            var received = new ByteArrayOutputStream();
            boolean timedOut = false;
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            try {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    received.write(chunk, 0, n);
                }
            } catch (SocketTimeoutException e) {
                timedOut = true;
            }
            return parse(received.toString(StandardCharsets.ISO_8859_1), timedOut);
        } catch (IOException e) {
            throw new IllegalStateException("raw request failed: " + e.getMessage(), e);
        }
    }

    public static Reply send(URI server, String requestHead) {
        return send(server, requestHead.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Reply parse(String text, boolean timedOut) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Reply(0, Map.of(), text, timedOut);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        if (status >= 100 && status < 200) {
            // an interim answer (100 Continue): the final one follows
            return parse(text.substring(end + 4), timedOut);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        return new Reply(status, headers, text.substring(end + 4), timedOut);
    }
}
