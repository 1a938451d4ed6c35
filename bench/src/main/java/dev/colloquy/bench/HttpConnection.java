package dev.colloquy.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection for the load driver: writes a request, reads the status,
 * headers and body (by Content-Length or chunked). A general client's own machinery would
 * otherwise be measured along with the server on a small machine.
 */
final class HttpConnection implements AutoCloseable {

    private final URI base;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private boolean closeAfterResponse;
    private long reconnects;

    HttpConnection(URI base) throws IOException {
        this.base = base;
        connect();
    }

    private void connect() throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    /** How often the server ended the connection (it limits the requests per connection) and it was opened again. */
    long reconnects() {
        return reconnects;
    }

    /** Sends a request and returns the status code, the body read and dropped. */
    int send(String method, String path, String token, byte[] body) throws IOException {
        if (socket.isClosed()) {
            connect();
            reconnects++;
        }
        try {
            return exchange(method, path, token, body);
        } catch (IOException e) {
            socket.close();
            throw e;
        } finally {
            if (closeAfterResponse) {
                socket.close();
                closeAfterResponse = false;
            }
        }
    }

    private int exchange(String method, String path, String token, byte[] body) throws IOException {
        var request = new StringBuilder()
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(base.getHost())
                .append(':')
                .append(base.getPort())
                .append("\r\n");
        if (token != null) {
            request.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
        }
        request.append("\r\n");
        // one write, so the request leaves in one segment
        byte[] head = request.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] whole = body == null ? head : Arrays.copyOf(head, head.length + body.length);
        if (body != null) {
            System.arraycopy(body, 0, whole, head.length, body.length);
        }
        out.write(whole);
        out.flush();
        return readResponse();
    }

    private int readResponse() throws IOException {
        String status = line();
        if (status.length() < 12 || !status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 response: '" + status + "'");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closeAfterResponse = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
                    size > 0;
                    size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                skip(size);
                line();
            }
            line();
        } else if (length > 0) {
            skip(length);
        }
        return code;
    }

    private void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed inside a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        var bytes = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                bytes.write(c);
            }
        }
        if (c < 0 && bytes.size() == 0) {
            throw new IOException("connection closed");
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
