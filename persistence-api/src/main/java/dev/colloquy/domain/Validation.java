package dev.colloquy.domain;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** The input rules of the domain, checked by the application so both databases answer alike. */
public final class Validation {

    private final Limits limits;

    public Validation(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** A title is optional; present, it is at most {@link Limits#titleCharacters()} characters. */
    public Optional<String> title(String field, Optional<String> title) {
        title.ifPresent(value -> {
            Text.requireStorable(field, value);
            int length = Text.characters(value);
            if (length > limits.titleCharacters()) {
                throw new InvalidInputException(
                        field, "is " + length + " characters long; the limit is " + limits.titleCharacters());
            }
        });
        return title;
    }

    /** Content must be present (it may be empty) and at most {@link Limits#contentBytes()} bytes. */
    public String content(String field, String content) {
        if (content == null) {
            throw new InvalidInputException(
                    field,
                    "is required (it may be an empty string, or left out for a message with parts, tool calls or tool results)");
        }
        Text.requireStorable(field, content);
        int bytes = Text.utf8Bytes(content);
        if (bytes > limits.contentBytes()) {
            throw new InvalidInputException(
                    field, "is " + bytes + " bytes long (UTF-8); the limit is " + limits.contentBytes());
        }
        return content;
    }

    public Metadata metadata(String field, Metadata metadata) {
        if (metadata == null) {
            return Metadata.EMPTY;
        }
        int bytes = Text.utf8Bytes(metadata.json());
        if (bytes > limits.metadataBytes()) {
            throw new InvalidInputException(
                    field, "is " + bytes + " bytes long as JSON; the limit is " + limits.metadataBytes());
        }
        return metadata;
    }

    /**
     * Tags are trimmed and lower-cased ({@link Locale#ROOT}); duplicates after that collapse. Each is
     * 1 to {@link Limits#tagCharacters()} characters without control characters.
     */
    public SortedSet<String> tags(String field, Collection<String> tags) {
        var normalized = new TreeSet<String>();
        int index = 0;
        for (String tag : tags) {
            normalized.add(tag(field + "[" + index + "]", tag));
            index++;
        }
        if (normalized.size() > limits.tagsPerConversation()) {
            throw new InvalidInputException(
                    field,
                    "holds " + normalized.size() + " distinct tags; the limit is " + limits.tagsPerConversation());
        }
        return normalized;
    }

    public String tag(String field, String tag) {
        if (tag == null) {
            throw new InvalidInputException(field, "must be a string, was null");
        }
        Text.requireStorable(field, tag);
        String normalized = tag.strip().toLowerCase(Locale.ROOT);
        int length = Text.characters(normalized);
        if (length == 0 || length > limits.tagCharacters()) {
            throw new InvalidInputException(
                    field,
                    "'" + Text.abbreviate(tag) + "' must be 1 to " + limits.tagCharacters()
                            + " characters after trimming");
        }
        if (normalized.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "'" + Text.abbreviate(tag) + "' contains a control character");
        }
        return normalized;
    }

    /** The longest conversation key, in characters. */
    public static final int KEY_CHARACTERS = 200;

    private static final java.util.regex.Pattern KEY =
            java.util.regex.Pattern.compile("[A-Za-z0-9._~:@!$&'()*+,=%-]{1," + KEY_CHARACTERS + "}");

    /**
     * A conversation's key: 1 to {@value #KEY_CHARACTERS} characters, each an ASCII letter or digit
     * or one of {@code - . _ ~ : @ ! $ & ' ( ) * + , = %}, and not dots only ({@code .}, {@code ..}
     * and longer runs are path segments servers normalize): a key goes into a URL path as it is. Keys are compared and ordered byte by byte (case matters).
     */
    public String key(String field, String key) {
        if (key == null) {
            throw new InvalidInputException(field, "must be a string, was null");
        }
        if (!KEY.matcher(key).matches() || key.chars().allMatch(c -> c == '.')) {
            throw new InvalidInputException(
                    field,
                    "'" + Text.abbreviate(key) + "' is not a key: 1 to " + KEY_CHARACTERS
                            + " characters, each a letter A-Z or a-z, a digit or one of -._~:@!$&'()*+,=%"
                            + " (not dots only)");
        }
        return key;
    }

    /** A short name (project, token): 1 to 100 characters, no control characters. */
    public String name(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        Text.requireStorable(field, name);
        if (Text.characters(name) > 100) {
            throw new InvalidInputException(field, "is longer than 100 characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "contains a control character");
        }
        return name;
    }
}
