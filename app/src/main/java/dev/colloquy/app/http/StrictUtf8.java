package dev.colloquy.app.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read through this stream is well-formed UTF-8 (RFC 3629) or refused with 400:
 * no overlong forms ({@code C0 AF}, which Jackson would read as {@code /}), no encoded surrogates,
 * nothing beyond U+10FFFF, no stray or missing continuation bytes. The bytes pass through as they
 * are; only their form is checked, as they stream.
 */
final class StrictUtf8 extends FilterInputStream {

    private int needed; // continuation bytes still expected
    private int low = 0x80; // the range the next continuation byte must lie in
    private int high = 0xBF;
    private long position;

    StrictUtf8(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            end();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            end();
        }
        for (int i = 0; i < n; i++) {
            check(buffer[offset + i] & 0xFF);
        }
        return n;
    }

    private void check(int b) {
        position++;
        if (needed > 0) {
            if (b < low || b > high) {
                throw malformed();
            }
            low = 0x80;
            high = 0xBF;
            needed--;
            return;
        }
        if (b < 0x80) {
            return;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            low = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
            high = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would encode a surrogate
        } else if (b >= 0xF0 && b <= 0xF4) {
            needed = 3;
            low = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
            high = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be beyond U+10FFFF
        } else {
            throw malformed(); // 80..C1 (stray continuation, overlong C0/C1) and F5..FF
        }
    }

    private void end() {
        if (needed > 0) {
            throw malformed();
        }
    }

    private ApiException malformed() {
        return new ApiException(
                Problem.VALIDATION, "the body is not well-formed UTF-8 (at byte " + position + "); send JSON in UTF-8");
    }
}
