package dev.colloquy.domain;

/**
 * The limits every store enforces, with the same error on every database.
 *
 * @param titleCharacters maximum characters of a conversation title
 * @param contentBytes maximum UTF-8 bytes of one message's content
 * @param metadataBytes maximum UTF-8 bytes of a metadata object, serialized
 * @param tagsPerConversation maximum tags on one conversation
 * @param tagCharacters maximum characters of one tag
 * @param defaultPageSize page size when the caller gives none
 * @param maxPageSize largest page a caller may ask for
 * @param messagesPerBatch most messages in one append or replace
 */
public record Limits(
        int titleCharacters,
        int contentBytes,
        int metadataBytes,
        int tagsPerConversation,
        int tagCharacters,
        int defaultPageSize,
        int maxPageSize,
        int messagesPerBatch) {

    public static final Limits DEFAULTS = new Limits(500, 1024 * 1024, 64 * 1024, 50, 64, 50, 1000, 1000);

    public Limits {
        requirePositive("titleCharacters", titleCharacters);
        requirePositive("contentBytes", contentBytes);
        requirePositive("metadataBytes", metadataBytes);
        requirePositive("tagsPerConversation", tagsPerConversation);
        requirePositive("tagCharacters", tagCharacters);
        requirePositive("maxPageSize", maxPageSize);
        requirePositive("messagesPerBatch", messagesPerBatch);
        if (defaultPageSize < 1 || defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException(
                    "defaultPageSize must be between 1 and maxPageSize (" + maxPageSize + "), was " + defaultPageSize);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    /** The page size to use for a caller's requested limit, which may be absent (0). */
    public int pageSize(String field, int requested) {
        return requested == 0 ? defaultPageSize : requirePageSize(field, requested);
    }

    /** A page size a caller gave: 1 to {@link #maxPageSize()}. */
    public int requirePageSize(String field, int requested) {
        if (requested < 1 || requested > maxPageSize) {
            throw new InvalidInputException(field, "must be between 1 and " + maxPageSize + ", was " + requested);
        }
        return requested;
    }
}
