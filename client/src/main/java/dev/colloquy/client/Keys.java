package dev.colloquy.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns any application id (a session, memory or conversation id) into a conversation key and
 * back. A key is 1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9} and {@code - . _ ~ :
 * @ ! $ & ' ( ) * + , = %}, not dots only; an id already made of those characters (without {@code
 * %}) is its own key, so keys stay readable. Every other character, and {@code %}, is written as
 * the percent-escapes of its UTF-8 bytes ({@code user/42} is {@code user%2F42}); an id of dots only
 * has its dots escaped. {@link #id(String)} undoes it exactly.
 */
public final class Keys {

    /** The longest key the server accepts. */
    public static final int MAX_LENGTH = 200;

    private static final String PUNCTUATION = "-._~:@!$&'()*+,=";

    private Keys() {}

    /**
     * The key of an id.
     *
     * @throws IllegalArgumentException when the id is empty or its key would be longer than {@value #MAX_LENGTH}
     */
    public static String of(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("an empty id has no key");
        }
        boolean dotsOnly = id.chars().allMatch(c -> c == '.');
        var key = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || (c < 0x80 && PUNCTUATION.indexOf(c) >= 0 && !(dotsOnly && c == '.'));
            if (plain) {
                key.append((char) c);
            } else {
                key.append('%').append(hex(c >> 4)).append(hex(c & 0xf));
            }
        }
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the id '" + abbreviate(id) + "' makes a key of " + key.length()
                    + " characters; a key is at most " + MAX_LENGTH);
        }
        return key.toString();
    }

    /** The id a key was made from by {@link #of(String)}; a key with no escapes is the id itself. */
    public static String id(String key) {
        Objects.requireNonNull(key, "key");
        if (key.indexOf('%') < 0) {
            return key;
        }
        var bytes = new ByteArrayOutputStream(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '%' && i + 2 < key.length()) {
                int high = Character.digit(key.charAt(i + 1), 16);
                int low = Character.digit(key.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    bytes.write(high << 4 | low);
                    i += 2;
                    continue;
                }
            }
            bytes.write(c);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static char hex(int digit) {
        return Character.toUpperCase(Character.forDigit(digit, 16));
    }

    private static String abbreviate(String id) {
        return id.length() <= 40 ? id : id.substring(0, 37) + "...";
    }
}
