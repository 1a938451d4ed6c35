package dev.colloquy.persistence.spi;

/**
 * The native queries each backend writes in its own SQL ({@link BackendSchema#sql}). Shared code
 * runs them by {@link #queryName()} and never sees their text; each has the same parameters and
 * the same meaning on every backend. A page's size is a {@code :limit} parameter in the text
 * rather than {@code setMaxResults}, with which Hibernate rewrites a native query's text (a
 * regular-expression search) on every execution.
 */
public enum NativeQuery {

    /**
     * Full-text search over a project's messages: the matches as rows {@code (id, indexed_text,
     * id_ceiling)} (the message's indexed text, which Colloquy ranks: {@code
     * dev.colloquy.search.Ranking}). The rows come newest first or in an order close to it: {@code
     * id_ceiling} is an id no row from this one on exceeds (a backend whose rows come by id,
     * descending, gives each row its own id). Colloquy stops reading once no later row can be
     * among the newest it ranks ({@code dev.colloquy.search.NewestMatches}). Parameters: {@code
     * :query} (the backend's rendering of the search, see {@link BackendSearch#syntax()}), {@code
     * :project}, {@code :role} ({@code ''} for any), {@code :byConversation} (1 to keep {@code
     * :conversation}'s messages only, else 0), {@code :conversation}, {@code :tag} ({@code ''}
     * for any), {@code :since} (inclusive) and {@code :until} (exclusive) on the message's time,
     * {@code :byMetadata} (1 to apply {@code :filters}, else 0), {@code :filters} (as {@link
     * #CONVERSATION_LIST}'s, on the message's metadata) and, only in a backend whose rows come by
     * id, {@code :limit}: it returns at most that many.
     */
    MESSAGE_SEARCH("Message.search"),

    /**
     * Run first in a search's transaction, before its other statements, as a query of one row
     * (whose value is not used): readies the transaction for them. The search statements hold the
     * words as a parameter, and their best plan depends on the words: a word in most messages is
     * best found by walking the newest messages, a rare one through the full-text index. A
     * backend that may plan a statement once for any parameter values (PostgreSQL does so for a
     * server-side prepared statement after its fifth run, choosing one plan for every word) makes
     * the statements of this transaction be planned for their values. No parameters.
     */
    SEARCH_PLANNING("Search.planning"),

    /**
     * The messages of the one conversation {@code :conversation} that pass {@link
     * #MESSAGE_SEARCH}'s filters and whose indexed text holds {@code :word} as a substring ({@code
     * ''}: any text), as its rows {@code (id, indexed_text, id_ceiling)}, read by the
     * conversation's index. {@code :word} is a word every match holds ({@code
     * SearchQuery.longestRequiredWord}), so only the rows that may match leave the database;
     * Colloquy matches every row's text itself ({@code Ranking.matches}), so a search within a
     * conversation costs what the conversation holds, never what the words match in the whole
     * data set (a full-text index narrowing them as well read every match of a common word). Rows
     * in any order, every {@code id_ceiling} NULL (all are read). Parameters: {@link
     * #MESSAGE_SEARCH}'s but {@code :query}, {@code :byConversation} and {@code :limit}, and
     * {@code :word}.
     */
    MESSAGE_SEARCH_IN_CONVERSATION("Message.searchInConversation"),

    /**
     * The messages of project {@code :project} that have a vector of the model {@code :model} and
     * pass {@link #MESSAGE_SEARCH}'s filters, as rows {@code (id, vector)} (the stored vector's
     * bytes), in any order: Colloquy compares every one with the query's vector. Parameters:
     * {@link #MESSAGE_SEARCH}'s but {@code :query}, {@code :byConversation}, {@code :conversation}
     * and {@code :limit}, and {@code :model}.
     */
    MESSAGE_SIMILAR("Message.similar"),

    /**
     * {@link #MESSAGE_SIMILAR} among the messages of the one conversation {@code :conversation},
     * read by the conversation's index. Parameters: {@link #MESSAGE_SIMILAR}'s and {@code
     * :conversation}.
     */
    MESSAGE_SIMILAR_IN_CONVERSATION("Message.similarInConversation"),

    /**
     * Claims message {@code :message} for embedding with the model {@code :model} ({@code
     * :dimensions}) until {@code :until}: a row of {@code message_embedding} without vector (with
     * the message's project, conversation, role and time), unless
     * the message has one of that model already (a vector or another's claim); concurrent claimers
     * of one message never fail, and one of them gets it (the update count: 1 claimed, 0 not).
     */
    EMBEDDING_CLAIM("MessageEmbedding.claim"),

    /**
     * Raises the embedding generation of project {@code :project} for the model {@code :model} by
     * one (from 0 when it has none): the row stays locked until the transaction ends, so the
     * generations of concurrent writers commit in order.
     */
    EMBEDDING_GENERATION_RAISE("EmbeddingGeneration.raise"),

    /**
     * Stores the vector {@code :vector} (bytes) of the claimed message {@code :message} for the
     * model {@code :model}, at {@code :now}, with its project's current embedding generation (
     * {@link #EMBEDDING_GENERATION_RAISE}d in this transaction), and ends the claim; a message
     * with a vector already, or no row (deleted), is left alone (update count 0).
     */
    EMBEDDING_STORE("MessageEmbedding.store"),

    /**
     * The twin of {@link #MESSAGE_SEARCH} over conversation titles: {@code :since} and {@code
     * :until} bound the conversation's creation; no {@code :role}, {@code :byMetadata} or {@code
     * :filters}.
     */
    CONVERSATION_SEARCH_TITLES("Conversation.searchTitles"),

    /**
     * One page of a project's conversations as entities, newest change first, ties by id.
     * Parameters: {@code :project}, {@code :tag} ({@code ''} for any), {@code :since},
     * {@code :cursorAt} and {@code :cursorId} (the page starts after them), {@code :filters} (a
     * JSON object of metadata key to text: a string value must equal the text, a number or
     * boolean must have it as its JSON text), {@code :limit}.
     */
    CONVERSATION_LIST("Conversation.list"),

    /**
     * {@link #CONVERSATION_LIST} among the conversations whose metadata has {@code :key} with
     * the text {@code :value} (a row of {@code conversation_metadata}, looked up by its index on
     * {@code (project_id, key, value_key)}, {@code value_key} being the value's first 200
     * characters): the plan for a value few conversations have. Same parameters, plus {@code
     * :key} and {@code :value}.
     */
    CONVERSATION_LIST_BY_METADATA("Conversation.listByMetadata"),

    /**
     * {@link #CONVERSATION_LIST} among the conversations that carry the tag {@code :tag} (never
     * {@code ''} here), read through the tag's rows in {@code conversation_tag}: the plan for a
     * tag few conversations carry. Same parameters.
     */
    CONVERSATION_LIST_BY_TAG("Conversation.listByTag"),

    /**
     * Creates a tag ({@code :id}, {@code :project}, {@code :name}) unless the project has it;
     * concurrent creators of one tag never fail.
     */
    TAG_INSERT_IF_ABSENT("Tag.insertIfAbsent"),

    /**
     * Creates an untitled, empty conversation ({@code :id}, {@code :project}, {@code :key}, created
     * and updated {@code :now}, version 0, no metadata) unless a conversation of the project has the
     * key; concurrent creators of one key never fail, and one conversation results.
     */
    CONVERSATION_INSERT_KEY_IF_ABSENT("Conversation.insertKeyIfAbsent");

    private final String queryName;

    NativeQuery(String queryName) {
        this.queryName = queryName;
    }

    /** The name shared code creates it by ({@code EntityManager.createNamedQuery}). */
    public String queryName() {
        return queryName;
    }
}
