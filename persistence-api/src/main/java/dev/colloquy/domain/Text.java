package dev.colloquy.domain;

import java.nio.charset.StandardCharsets;

/** Checks that every stored string passes identically on both databases. */
public final class Text {

    private Text() {}

    /**
     * Rejects text neither database can store the same way: U+0000 (one of the databases cannot store
     * it in text, so none may accept it) and unpaired UTF-16 surrogates (they have
     * no UTF-8 encoding; a driver would silently replace them).
     */
    public static void requireStorable(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new InvalidInputException(
                        field, "contains a NUL character (U+0000) at index " + i + "; NUL cannot be stored, remove it");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidInputException(field, "contains an unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidInputException(field, "contains an unpaired surrogate at index " + i);
            }
        }
    }

    /** Length in Unicode code points, which is what users and databases call characters. */
    public static int characters(String value) {
        return value.codePointCount(0, value.length());
    }

    public static int utf8Bytes(String value) {
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** A short, printable form of user input for error messages. */
    public static String abbreviate(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.replace("\0", "\\u0000");
        return printable.length() <= 60 ? printable : printable.substring(0, 57) + "...";
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
